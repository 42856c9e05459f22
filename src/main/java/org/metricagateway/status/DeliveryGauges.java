package org.metricagateway.status;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

/**
 * Gauges read from the database, which holds the truth for every replica: batches by status, the age of the
 * oldest conversion not yet uploaded, the requests each token spent today (next to its budget), and the paused
 * counters. Refreshed by a timer route
 * (routes/status-polling.yaml), not on each scrape, so that scrapes never load the database.
 */
public final class DeliveryGauges {
    private static final String OLDEST_WAITING = """
            SELECT extract(epoch FROM now() - least(
                     (SELECT created_at FROM conversion_bundles WHERE batch_id IS NULL ORDER BY id LIMIT 1),
                     (SELECT min(created_at) FROM webhook_batches WHERE status IN ('open', 'uploading'))))""";

    private final DataSource dataSource;
    private final MultiGauge batches;
    private final MultiGauge quota;
    private final AtomicReference<Double> oldestWaitingSeconds = new AtomicReference<>(0.0);
    private final AtomicLong pausedCounters = new AtomicLong();

    /**
     * @param tokenIds    every configured Metrica token, by id
     * @param dailyBudget the daily request budget each of them has (metrica.daily-request-budget)
     */
    public DeliveryGauges(DataSource dataSource, MeterRegistry meters, Set<String> tokenIds, int dailyBudget) {
        this.dataSource = dataSource;
        for (String tokenId : tokenIds) {
            // Constant while the process runs: tokens and the budget are read at start.
            Gauge.builder("gateway.metrica.quota.budget", () -> dailyBudget).tag("token", tokenId)
                    .description("Requests each Metrica token may spend per UTC day, all replicas (the configured"
                            + " budget)").register(meters);
        }
        Gauge.builder("gateway.metrica.counters.paused", pausedCounters, AtomicLong::get)
                .description("Counters whose uploads are paused after Metrica refused their token, all replicas")
                .register(meters);
        this.batches = MultiGauge.builder("gateway.batches").description("Batches by status").register(meters);
        this.quota = MultiGauge.builder("gateway.metrica.quota.used")
                .description("Requests each Metrica token spent today (UTC), all replicas").register(meters);
        Gauge.builder("gateway.conversions.oldest.waiting.seconds", oldestWaitingSeconds, AtomicReference::get)
                .description("Age of the oldest conversion not uploaded yet (0 when none waits)").register(meters);
    }

    public void refresh() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            List<MultiGauge.Row<?>> byStatus = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery(
                    "SELECT status, count(*) FROM webhook_batches GROUP BY status")) {
                while (rs.next()) {
                    byStatus.add(MultiGauge.Row.of(Tags.of("status", rs.getString(1)), rs.getLong(2)));
                }
            }
            batches.register(byStatus, true);
            List<MultiGauge.Row<?>> used = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery("SELECT token_id, used FROM metrica_request_budget"
                    + " WHERE day = (now() AT TIME ZONE 'UTC')::date")) {
                while (rs.next()) {
                    used.add(MultiGauge.Row.of(Tags.of("token", rs.getString(1)), rs.getInt(2)));
                }
            }
            quota.register(used, true);
            try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM metrica_counter_pauses")) {
                rs.next();
                pausedCounters.set(rs.getLong(1));
            }
            try (ResultSet rs = statement.executeQuery(OLDEST_WAITING)) {
                rs.next();
                double age = rs.getDouble(1);
                oldestWaitingSeconds.set(rs.wasNull() ? 0.0 : age);
            }
        }
    }
}
