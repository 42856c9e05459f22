package org.metricagateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.metricagateway.support.Ingest;
import org.metricagateway.support.Sql;
import org.metricagateway.support.Webhooks;
import org.metricagateway.support.Webhooks.CreatedWebhook;

/**
 * Write groups of at least ingest.copy-min-rows (50) conversions are inserted with COPY on the assumption that none
 * is stored yet, and written again with INSERT ... ON CONFLICT when one is: the answers and the rows must be the same
 * as on the INSERT path.
 */
class CopyWritePathTest {
    private static final int LARGE = 60;

    @Test
    void aLargeRequestIsStoredWithAscendingIdsAndQueuedForBatching() {
        CreatedWebhook webhook = Webhooks.create("copy-new", 108, null);
        JsonNode answer = Ingest.post(webhook, conversions(0, LARGE)).json();

        assertThat(answer.get("accepted").asInt()).isEqualTo(LARGE);
        assertThat(answer.get("duplicates").asInt()).isZero();
        assertThat(ids(answer)).hasSize(LARGE).isSorted().doesNotHaveDuplicates();
        assertThat(Ingest.storedCount(webhook)).isEqualTo(LARGE);
        // One bundle (one request, one identifier column) lists every conversion, waiting for a batch.
        assertThat(Sql.value("SELECT count(DISTINCT bundle_id) FROM webhook_conversions WHERE webhook_id = ?::uuid",
                webhook.id())).isEqualTo(1L);
        assertThat(Sql.value("SELECT cardinality(conversion_ids) FROM conversion_bundles WHERE batch_id IS NULL"
                + " AND id = (SELECT min(bundle_id) FROM webhook_conversions WHERE webhook_id = ?::uuid)",
                webhook.id())).isEqualTo(LARGE);
    }

    @Test
    void aLargeRequestWithAStoredConversionCountsItAsADuplicate() {
        CreatedWebhook webhook = Webhooks.create("copy-stored", 108, null);
        List<Map<String, Object>> body = conversions(1000, LARGE);
        JsonNode earlier = Ingest.post(webhook, body.subList(0, 1)).json();
        long storedId = earlier.get("ids").get(0).asLong();

        JsonNode answer = Ingest.post(webhook, body).json();

        assertThat(answer.get("accepted").asInt()).isEqualTo(LARGE - 1);
        assertThat(answer.get("duplicates").asInt()).isEqualTo(1);
        assertThat(answer.get("ids").get(0).asLong()).isEqualTo(storedId);
        assertThat(Ingest.storedCount(webhook)).isEqualTo(LARGE);
        // The stored conversion stays in its own request's bundle; the new ones are in this request's.
        assertThat(Sql.value("SELECT sum(cardinality(conversion_ids)) FROM conversion_bundles WHERE id IN"
                + " (SELECT bundle_id FROM webhook_conversions WHERE webhook_id = ?::uuid)", webhook.id()))
                .isEqualTo((long) LARGE);
        assertThat(Sql.value("SELECT cardinality(conversion_ids) FROM conversion_bundles WHERE request_id ="
                + " (SELECT request_id FROM webhook_conversions WHERE id = ?)", answer.get("ids").get(1).asLong()))
                .isEqualTo(LARGE - 1);
    }

    @Test
    void aLargeRequestRepeatingAConversionStoresItOnce() {
        CreatedWebhook webhook = Webhooks.create("copy-repeat", 108, null);
        List<Map<String, Object>> body = conversions(2000, LARGE);
        body.add(body.get(3));

        JsonNode answer = Ingest.post(webhook, body).json();

        assertThat(answer.get("accepted").asInt()).isEqualTo(LARGE);
        assertThat(answer.get("duplicates").asInt()).isEqualTo(1);
        assertThat(answer.get("ids").get(LARGE)).isEqualTo(answer.get("ids").get(3));
        assertThat(Ingest.storedCount(webhook)).isEqualTo(LARGE);
    }

    @Test
    void textIsStoredAsSentWhateverCopyWouldEscape() {
        CreatedWebhook webhook = Webhooks.create("copy-text", 108, null);
        List<Map<String, Object>> body = conversions(3000, LARGE);
        body.get(0).put("external_id", "crm\\lead\\N 1");
        body.get(0).put("user_id", "Пользователь №1 \"quoted\"");

        JsonNode answer = Ingest.post(webhook, body).json();

        Map<String, Object> stored = Sql.row("SELECT external_id, user_id, price::text AS price, client_id::text"
                + " AS client_id FROM webhook_conversions WHERE id = ?", answer.get("ids").get(0).asLong()).orElseThrow();
        assertThat(stored).containsEntry("external_id", "crm\\lead\\N 1")
                .containsEntry("user_id", "Пользователь №1 \"quoted\"")
                .containsEntry("client_id", "3000");
    }

    private static List<Map<String, Object>> conversions(long firstClientId, int count) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(Ingest.conversion(firstClientId + i));
        }
        return list;
    }

    private static List<Long> ids(JsonNode answer) {
        List<Long> ids = new ArrayList<>();
        answer.get("ids").forEach(id -> ids.add(id.asLong()));
        return ids;
    }
}
