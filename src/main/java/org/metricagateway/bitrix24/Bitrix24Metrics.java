package org.metricagateway.bitrix24;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

/**
 * Bitrix24 fetch metrics: what each fetch attempt ended in (counters, this replica), how many fetches are in the
 * states that need attention and how old the oldest pending one is (gauges read from the database, which holds the truth for every replica, on a timer).
 */
public final class Bitrix24Metrics {
    /** The states that need attention; done and ignored fetches only grow, and are counted by the outcome counter. */
    static final List<String> STATUSES = List.of("pending", "failed");

    private final MeterRegistry meters;
    private final DataSource dataSource;
    private final MultiGauge fetches;
    private final AtomicReference<Double> oldestPendingSeconds = new AtomicReference<>(0.0);

    public Bitrix24Metrics(MeterRegistry meters, DataSource dataSource) {
        this.meters = meters;
        this.dataSource = dataSource;
        this.fetches = MultiGauge.builder("gateway.bitrix24.fetches")
                .description("Bitrix24 deal fetches pending or failed, all replicas").register(meters);
        Gauge.builder("gateway.bitrix24.oldest.pending.seconds", oldestPendingSeconds, AtomicReference::get)
                .description("Age of the oldest pending Bitrix24 deal fetch (0 when none is pending)")
                .register(meters);
    }

    /** converted, duplicate, ignored, retried or failed. */
    void outcome(String outcome) {
        Counter.builder("gateway.bitrix24.fetch.outcomes")
                .description("Bitrix24 deal fetch attempts by outcome (ignored: a stage that maps to no goal)")
                .tag("outcome", outcome).register(meters).increment();
    }

    public void refresh() throws SQLException {
        long[] counts = new long[STATUSES.size()];
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery("SELECT status, count(*) FROM bitrix24_fetches"
                    + " WHERE status IN ('pending', 'failed') GROUP BY status")) {
                while (rs.next()) {
                    counts[STATUSES.indexOf(rs.getString(1))] = rs.getLong(2);
                }
            }
            try (ResultSet rs = statement.executeQuery("SELECT extract(epoch FROM now() - min(created_at))"
                    + " FROM bitrix24_fetches WHERE status = 'pending'")) {
                rs.next();
                double age = rs.getDouble(1);
                oldestPendingSeconds.set(rs.wasNull() ? 0.0 : age);
            }
        }
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            rows.add(MultiGauge.Row.of(Tags.of("status", STATUSES.get(i)), counts[i]));
        }
        fetches.register(rows, true);
    }
}
