package org.metricagateway.batching;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.metricagateway.support.Batches;
import org.metricagateway.support.Deadline;
import org.metricagateway.support.Ingest;
import org.metricagateway.support.Sql;
import org.metricagateway.support.TestGateway;
import org.metricagateway.support.Webhooks;
import org.metricagateway.support.Webhooks.CreatedWebhook;

/**
 * The aggregator over real HTTP and the real database: one gateway whose groups complete only by size (batches of
 * 5), one whose groups complete every second.
 */
class BatchingTest {
    private static final int BATCH_SIZE = 5;
    private static TestGateway bySize;
    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        bySize = TestGateway.start(Map.of(
                "database.url", TestGateway.get().jdbcUrl(),
                "batching.max-size", Integer.toString(BATCH_SIZE),
                "batching.completion-interval-ms", "3600000",
                "batching.recovery-min-age-ms", "7200000"));
        gateway = TestGateway.start(Map.of(
                "database.url", TestGateway.get().jdbcUrl(),
                "batching.max-size", "10000",
                "batching.completion-interval-ms", "1000",
                // Only the recovery test's rows are old enough for this sweep.
                "batching.recovery-min-age-ms", "3600000",
                "batching.recovery-interval-ms", "300",
                "batching.recovery-delay-ms", "0"));
    }

    @AfterAll
    static void stop() {
        bySize.stop();
        gateway.stop();
    }

    @Test
    void aGroupCompletesWhenItReachesTheBatchSize() {
        CreatedWebhook webhook = on(bySize, Webhooks.create("batch-size", 201, null));
        Ingest.post(webhook, conversions(3, 0));
        Ingest.post(webhook, conversions(3, 100));
        Deadline.within(Duration.ofSeconds(20)).until(() -> Batches.unbatched(webhook) == 0);
        Map<Long, Map<String, Object>> batches = Batches.of(webhook);
        assertThat(batches).hasSize(1);
        Map<String, Object> batch = batches.values().iterator().next();
        assertThat(batch.get("counter_id")).isEqualTo(201L);
        assertThat(batch.get("identifier_columns")).isEqualTo("ClientId");
        assertThat(batch.get("conversion_count")).isEqualTo(6);
        // Claimed batches go to upload at once (this gateway's local sandbox).
        assertThat(batch.get("status")).isIn("open", "uploading", "uploaded");
        assertThat((String) batch.get("upload_comment")).matches("mog-[0-9a-f]{12}-" + batch.get("id"));
    }

    @Test
    void aClaimRecordsMembershipWithoutRewritingTheConversions() {
        CreatedWebhook webhook = on(bySize, Webhooks.create("batch-membership", 207, null));
        Ingest.post(webhook, conversions(3, 0));
        // xmin is the transaction that wrote each row version: a rewrite (UPDATE) would change it.
        List<Map<String, Object>> before = versions(webhook);
        // Each request's conversions wait in one bundle (they share their identifier column).
        assertThat(bundles(webhook)).containsExactly(Arrays.asList(null, 3));

        Ingest.post(webhook, conversions(3, 100));
        Deadline.within(Duration.ofSeconds(20)).until(() -> Batches.unbatched(webhook) == 0);

        long batch = Batches.of(webhook).keySet().iterator().next();
        assertThat(bundles(webhook)).as("both bundles are the batch's, whole")
                .containsExactly(Arrays.asList(batch, 3), Arrays.asList(batch, 3));
        assertThat(Sql.value("SELECT count(*) FROM webhook_conversions c JOIN conversion_bundles m"
                + " ON m.id = c.bundle_id AND c.id = ANY (m.conversion_ids)"
                + " WHERE c.webhook_id = ?::uuid AND m.batch_id = ?", webhook.id(), batch)).isEqualTo(6L);
        assertThat(versions(webhook)).as("the claim left the conversion rows as inserted").containsAll(before);
    }

    /** [batch_id, size] of each bundle of the webhook's conversions, oldest first. */
    private static List<List<Object>> bundles(CreatedWebhook webhook) {
        return Sql.rows("SELECT batch_id, cardinality(conversion_ids) AS size FROM conversion_bundles WHERE id IN"
                        + " (SELECT bundle_id FROM webhook_conversions WHERE webhook_id = ?::uuid) ORDER BY id",
                webhook.id()).stream().map(row -> Arrays.asList(row.get("batch_id"), row.get("size"))).toList();
    }

    private static List<Map<String, Object>> versions(CreatedWebhook webhook) {
        return Sql.rows("SELECT id, xmin::text AS version FROM webhook_conversions WHERE webhook_id = ?::uuid",
                webhook.id());
    }

    @Test
    void aGroupThatKeepsGrowingStillCompletesOnTime() {
        CreatedWebhook webhook = on(Webhooks.create("batch-steady", 206, null));
        // Conversions keep arriving, never a second apart: a batch must still appear while they do.
        long clientId = 0;
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(20);
        while (Batches.of(webhook).isEmpty()) {
            assertThat(java.time.Instant.now()).as("a batch while traffic continues").isBefore(deadline);
            Ingest.post(webhook, conversions(1, clientId++));
        }
    }

    @Test
    void aGroupCompletesOnTimeWhateverItsSize() {
        CreatedWebhook webhook = on(Webhooks.create("batch-time", 202, null));
        Ingest.post(webhook, conversions(2, 0));
        Deadline.within(Duration.ofSeconds(20)).until(() -> Batches.unbatched(webhook) == 0);
        assertThat(Batches.of(webhook).values()).singleElement()
                .satisfies(batch -> assertThat(batch.get("conversion_count")).isEqualTo(2));
    }

    @Test
    void batchesNeverMixCountersOrIdentifierColumns() {
        CreatedWebhook counterA = on(Webhooks.create("batch-a", 203, null));
        CreatedWebhook counterB = on(Webhooks.create("batch-b", 204, null));
        Map<String, Object> byYclid = Ingest.conversion(1);
        byYclid.remove("client_id");
        byYclid.put("yclid", "77");
        Map<String, Object> byBoth = Ingest.conversion(2);
        byBoth.put("yclid", "78");
        Ingest.post(counterA, List.of(Ingest.conversion(3), byYclid, byBoth));
        Ingest.post(counterB, List.of(Ingest.conversion(4)));
        Deadline.within(Duration.ofSeconds(20)).until(
                () -> Batches.unbatched(counterA) == 0 && Batches.unbatched(counterB) == 0);

        List<String> groups = new ArrayList<>();
        Batches.of(counterA).values().forEach(b -> groups.add(b.get("counter_id") + ":" + b.get("identifier_columns")
                + ":" + b.get("conversion_count")));
        Batches.of(counterB).values().forEach(b -> groups.add(b.get("counter_id") + ":" + b.get("identifier_columns")
                + ":" + b.get("conversion_count")));
        assertThat(groups).containsExactlyInAnyOrder(
                "203:ClientId:1", "203:Yclid:1", "203:ClientId,Yclid:1", "204:ClientId:1");
    }

    @Test
    void conversionsACrashLeftUnbatchedAreRecovered() {
        CreatedWebhook webhook = on(Webhooks.create("batch-recovery", 205, null));
        // Stored by the main test gateway, whose aggregator never completes within this test; then aged as if a
        // crash had lost their group long ago.
        Ingest.post(Webhooks.create(webhook), conversions(3, 0));
        Sql.update("UPDATE conversion_bundles SET created_at = now() - interval '2 hours'"
                + " WHERE id IN (SELECT bundle_id FROM webhook_conversions WHERE webhook_id = ?::uuid)", webhook.id());
        Deadline.within(Duration.ofSeconds(20)).until(() -> Batches.unbatched(webhook) == 0);
        assertThat(Batches.of(webhook).values()).singleElement()
                .satisfies(batch -> assertThat(batch.get("conversion_count")).isEqualTo(3));
    }

    private static CreatedWebhook on(CreatedWebhook webhook) {
        return on(gateway, webhook);
    }

    private static CreatedWebhook on(TestGateway target, CreatedWebhook webhook) {
        return new CreatedWebhook(webhook.id(), webhook.secret(),
                target.baseUrl() + "/webhooks/" + webhook.id() + "/conversions");
    }

    private static List<Map<String, Object>> conversions(int count, long first) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(Ingest.conversion(first + i));
        }
        return list;
    }
}
