package org.metricagateway.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.metricagateway.support.Webhooks.CreatedWebhook;

/** Reads batches and their conversions straight from PostgreSQL, for assertions. */
public final class Batches {
    private Batches() {
    }

    /** The batches holding this webhook's conversions: batch id → columns of webhook_batches. */
    public static Map<Long, Map<String, Object>> of(CreatedWebhook webhook) {
        Map<Long, Map<String, Object>> batches = new LinkedHashMap<>();
        query("""
                SELECT b.* FROM webhook_batches b
                 WHERE b.id IN (SELECT batch_id FROM webhook_conversions WHERE webhook_id = ?::uuid)
                 ORDER BY b.id""", webhook.id()).forEach(row -> batches.put((Long) row.get("id"), row));
        return batches;
    }

    public static long unbatched(CreatedWebhook webhook) {
        return (Long) query("SELECT count(*) AS n FROM webhook_conversions WHERE webhook_id = ?::uuid"
                + " AND batch_id IS NULL", webhook.id()).get(0).get("n");
    }

    public static List<Map<String, Object>> query(String sql, Object... parameters) {
        try (Connection c = TestGateway.get().connection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                List<Map<String, Object>> rows = new ArrayList<>();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
