package org.metricagateway.batching;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.metricagateway.support.ScratchDatabase;
import org.metricagateway.support.Sql;

/**
 * V11 replaced the per-conversion batching queue and batch membership with bundles. Every conversion stored before
 * it must keep its place: a conversion a batch held is still that batch's (its status, its upload), and one still
 * waiting is still waiting, in a bundle of its request and identifier columns, so that the recovery sweep finds it.
 * Checked on a database of its own, migrated to V10, given rows in that form, then migrated to the latest version.
 */
class ConversionBundlesUpgradeTest {
    @Test
    void conversionsKeepTheirBatchOrTheirPlaceInTheQueue() throws SQLException {
        try (ScratchDatabase database = ScratchDatabase.create("bundles_upgrade")) {
            database.migrateTo("10");
            try (Connection connection = database.connection()) {
                Sql.rows(connection, """
                        WITH conversions AS (
                                INSERT INTO webhook_conversions (id, webhook_id, counter_id, dedup_key, target,
                                                                 event_time, client_id, yclid, user_id, request_id,
                                                                 updated_at)
                                OVERRIDING SYSTEM VALUE
                                VALUES (1, gen_random_uuid(), 7, gen_random_uuid(), 'goal', now(), 1, NULL, NULL, 10,
                                        '2026-01-01Z'),
                                       (2, gen_random_uuid(), 7, gen_random_uuid(), 'goal', now(), 2, NULL, NULL, 10,
                                        '2026-01-01Z'),
                                       (3, gen_random_uuid(), 7, gen_random_uuid(), 'goal', now(), NULL, 3, NULL, 10,
                                        '2026-01-01Z'),
                                       (4, gen_random_uuid(), 7, gen_random_uuid(), 'goal', now(), 4, NULL, NULL, 11,
                                        '2026-01-01Z'),
                                       (5, gen_random_uuid(), 7, gen_random_uuid(), 'goal', now(), 5, NULL, NULL, 11,
                                        '2026-01-01Z'),
                                       (6, gen_random_uuid(), 7, gen_random_uuid(), 'goal', now(), NULL, NULL, 'u6',
                                        NULL, '2026-01-01Z')
                                RETURNING id),
                             batch AS (
                                INSERT INTO webhook_batches (id, counter_id, identifier_columns, status,
                                                             conversion_count)
                                OVERRIDING SYSTEM VALUE VALUES (40, 7, 'ClientId', 'uploaded', 3) RETURNING id),
                             members AS (
                                INSERT INTO batch_conversions (conversion_id, batch_id)
                                VALUES (4, 40), (1, 40), (2, 40)),
                             queued AS (
                                INSERT INTO unbatched_conversions (conversion_id, request_id)
                                VALUES (3, 10), (5, 11), (6, NULL))
                        SELECT count(*) FROM conversions, batch""");
            }
            database.migrateToLatest();
            try (Connection connection = database.connection()) {
                assertThat(Sql.rows(connection, """
                        SELECT b.batch_id, b.counter_id, b.identifier_columns, b.request_id,
                               b.conversion_ids::text AS ids
                          FROM conversion_bundles b ORDER BY b.batch_id NULLS LAST, b.conversion_ids[1]"""))
                        .containsExactly(
                                bundle(40L, "ClientId", 10L, "{1,2}"),
                                bundle(40L, "ClientId", 11L, "{4}"),
                                bundle(null, "Yclid", 10L, "{3}"),
                                bundle(null, "ClientId", 11L, "{5}"),
                                bundle(null, "UserId", null, "{6}"));
                assertThat(Sql.rows(connection, """
                        SELECT count(*) AS n FROM webhook_conversions c JOIN conversion_bundles b
                            ON b.id = c.bundle_id AND c.id = ANY (b.conversion_ids)""").get(0).get("n"))
                        .as("each conversion names the bundle that lists it").isEqualTo(6L);
                assertThat(Sql.rows(connection, "SELECT DISTINCT updated_at::text AS at FROM webhook_conversions"))
                        .as("a migration is not an update by the gateway")
                        .containsExactly(Map.of("at", "2026-01-01 00:00:00+00"));
                assertThat(Sql.rows(connection, """
                        SELECT count(*) AS n FROM pg_tables
                         WHERE tablename IN ('unbatched_conversions', 'batch_conversions')""")
                        .get(0).get("n")).isEqualTo(0L);
            }
        }
    }

    private static Map<String, Object> bundle(Long batchId, String columns, Long requestId, String ids) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("batch_id", batchId);
        row.put("counter_id", 7L);
        row.put("identifier_columns", columns);
        row.put("request_id", requestId);
        row.put("ids", ids);
        return row;
    }
}
