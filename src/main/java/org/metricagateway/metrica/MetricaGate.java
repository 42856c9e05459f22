package org.metricagateway.metrica;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every request to Metrica passes here, so that no replica, alone or together, exceeds a token's limits: at most
 * {@code metrica.max-requests-in-flight} (Metrica allows 3 parallel requests per user) and at most
 * {@code metrica.daily-request-budget} requests per UTC day (Metrica allows 5,000), uploads and status polls alike.
 * Both are kept in PostgreSQL: the day's count in metrica_request_budget (an atomic conditional increment), the
 * in-flight slots as session advisory locks, held on a connection for the duration of the request (a crashed
 * replica's slots are freed when its connections die).
 */
public final class MetricaGate {
    public static final String COUNTER_HEADER = "metricaCounterId";
    private static final String PERMIT_PROPERTY = "metricaPermit";
    private static final Logger LOG = LoggerFactory.getLogger(MetricaGate.class);

    private static final String SPEND = """
            INSERT INTO metrica_request_budget (token_id, day, used) VALUES (?, ?, 1)
            ON CONFLICT (token_id, day) DO UPDATE SET used = metrica_request_budget.used + 1
             WHERE metrica_request_budget.used < ?
            RETURNING used""";
    private static final String TRY_SLOT = "SELECT pg_try_advisory_lock(hashtext(?), ?)";
    private static final String FREE_SLOT = "SELECT pg_advisory_unlock(hashtext(?), ?)";

    private final DataSource dataSource;
    private final MetricaTokens tokens;
    private final int dailyBudget;
    private final int maxInFlight;
    private final Duration slotWait;
    private final Clock clock;
    private final MeterRegistry meters;

    public MetricaGate(DataSource dataSource, MetricaTokens tokens, int dailyBudget, int maxInFlight,
                       Duration slotWait, Clock clock, MeterRegistry meters) {
        this.dataSource = dataSource;
        this.tokens = tokens;
        this.dailyBudget = dailyBudget;
        this.maxInFlight = maxInFlight;
        this.slotWait = slotWait;
        this.clock = clock;
        this.meters = meters;
    }

    /** Before a request: takes a slot and a unit of the day's budget, and sets the Authorization header. */
    public void acquire(Exchange exchange) throws SQLException, InterruptedException {
        long counterId = exchange.getMessage().getHeader(COUNTER_HEADER, Long.class);
        String token = tokens.forCounter(counterId).orElseThrow(() -> new MetricaUnavailable(
                "No Metrica token is configured for counter " + counterId, false));
        String tokenId = MetricaTokens.tokenId(token);
        Permit permit = takeSlot(tokenId);
        try {
            spendBudget(tokenId);
        } catch (SQLException | RuntimeException e) {
            permit.close();
            throw e;
        }
        exchange.setProperty(PERMIT_PROPERTY, permit);
        exchange.getMessage().setHeader("Authorization", "OAuth " + token);
    }

    /** After a request, whatever its outcome. */
    public void release(Exchange exchange) {
        exchange.getMessage().removeHeader("Authorization");
        Permit permit = exchange.getProperty(PERMIT_PROPERTY, Permit.class);
        exchange.removeProperty(PERMIT_PROPERTY);
        if (permit != null) {
            permit.close();
        }
    }

    private Permit takeSlot(String tokenId) throws SQLException, InterruptedException {
        Instant deadline = clock.instant().plus(slotWait);
        Connection connection = dataSource.getConnection();
        try {
            long pause = 10;
            while (true) {
                for (int slot = 0; slot < maxInFlight; slot++) {
                    if (trySlot(connection, tokenId, slot)) {
                        return new Permit(dataSource, connection, tokenId, slot);
                    }
                }
                if (clock.instant().isAfter(deadline)) {
                    throw new MetricaUnavailable("All " + maxInFlight + " request slots of token " + tokenId
                            + " stayed busy", false);
                }
                Thread.sleep(pause);
                pause = Math.min(pause * 2, 500);
            }
        } catch (SQLException | RuntimeException | InterruptedException e) {
            connection.close();
            throw e;
        }
    }

    private static boolean trySlot(Connection connection, String tokenId, int slot) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(TRY_SLOT)) {
            statement.setString(1, "metrica:" + tokenId);
            statement.setInt(2, slot);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private void spendBudget(String tokenId) throws SQLException {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(SPEND)) {
            statement.setString(1, tokenId);
            statement.setObject(2, today);
            statement.setInt(3, dailyBudget);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    LOG.warn("The daily request budget of token {} ({} requests) is spent; waiting until {}",
                            tokenId, dailyBudget, UploadRetryPolicy.nextUtcMidnight(clock.instant()));
                    throw new MetricaUnavailable("The daily request budget of token " + tokenId + " is spent",
                            true);
                }
                Counter.builder("gateway.metrica.requests").description("Requests sent to Metrica, per token")
                        .tag("token", tokenId).register(meters).increment();
            }
        }
    }

    /** An in-flight slot: the advisory lock lives as long as this connection holds it. */
    private record Permit(DataSource pool, Connection connection, String tokenId, int slot)
            implements AutoCloseable {
        @Override
        public void close() {
            try (connection; PreparedStatement statement = connection.prepareStatement(FREE_SLOT)) {
                statement.setString(1, "metrica:" + tokenId);
                statement.setInt(2, slot);
                statement.execute();
            } catch (SQLException e) {
                // A pooled connection must not go back to the pool still holding the lock: drop it instead.
                LOG.warn("Could not free a Metrica request slot; closing its connection", e);
                if (pool instanceof HikariDataSource hikari) {
                    hikari.evictConnection(connection);
                }
            }
        }
    }
}
