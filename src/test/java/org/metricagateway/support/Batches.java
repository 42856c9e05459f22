package org.metricagateway.support;

import java.util.LinkedHashMap;
import java.util.Map;

import org.metricagateway.support.Webhooks.CreatedWebhook;

/** Reads batches and their conversions straight from PostgreSQL, for assertions. */
public final class Batches {
    private Batches() {
    }

    /** The batches holding this webhook's conversions: batch id → columns of webhook_batches. */
    public static Map<Long, Map<String, Object>> of(CreatedWebhook webhook) {
        Map<Long, Map<String, Object>> batches = new LinkedHashMap<>();
        Sql.rows("""
                SELECT b.* FROM webhook_batches b
                 WHERE b.id IN (SELECT m.batch_id FROM conversion_bundles m
                                  JOIN webhook_conversions c ON c.bundle_id = m.id
                                 WHERE c.webhook_id = ?::uuid)
                 ORDER BY b.id""", webhook.id()).forEach(row -> batches.put((Long) row.get("id"), row));
        return batches;
    }

    public static long unbatched(CreatedWebhook webhook) {
        return (Long) Sql.rows("SELECT count(*) AS n FROM conversion_bundles q"
                + " JOIN webhook_conversions c ON c.bundle_id = q.id WHERE q.batch_id IS NULL"
                + " AND c.webhook_id = ?::uuid", webhook.id()).get(0).get("n");
    }
}
