package org.metricagateway.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.metricagateway.support.ApiAssertions.assertError;
import static org.metricagateway.support.ApiAssertions.assertStatus;
import static org.metricagateway.support.ApiAssertions.assertViolations;
import static org.metricagateway.support.ApiAssertions.violation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.metricagateway.support.AdminApi;
import org.metricagateway.support.Http;
import org.metricagateway.support.Ingest;
import org.metricagateway.support.Sql;
import org.metricagateway.support.Webhooks;
import org.metricagateway.support.Webhooks.CreatedWebhook;

/** GET /api/conversions/{id} and GET /api/webhooks/{id}/conversions: fields, derived status, keyset paging. */
class ConversionsApiTest {
    private static final String STATUS_RULE =
            "must be one of received, open, uploading, uploaded, processed, linkage_failure, failed, stale";
    private static final String LIMIT_RULE = "must be a whole number from 1 to 1000";

    @Test
    void readsAConversionWithLargeNumbersAsStrings() {
        CreatedWebhook webhook = Webhooks.create("conversion-read", 4321, "goal");
        long eventTime = Instant.now().minusSeconds(60).getEpochSecond();
        Instant before = Instant.now().minusSeconds(1);
        long id = storeOne(webhook, AdminApi.body("client_id", "18446744073709551615", "yclid", 9007199254740993L,
                "user_id", "user-1", "purchase_id", "order-1", "external_id", "crm-1", "target", "paid",
                "date_time", eventTime, "price", "1234567890.1200", "currency", "rub"));

        JsonNode conversion = assertStatus(AdminApi.get("/api/conversions/" + id), 200);

        assertThat(conversion.get("id").asLong()).isEqualTo(id);
        assertThat(conversion.get("webhook_id").asText()).isEqualTo(webhook.id());
        assertThat(conversion.get("counter_id").asLong()).isEqualTo(4321);
        assertThat(conversion.get("status").asText()).isEqualTo("received");
        assertThat(conversion.has("batch_id")).isFalse();
        assertThat(conversion.get("client_id").isTextual()).isTrue();
        assertThat(conversion.get("client_id").asText()).isEqualTo("18446744073709551615");
        assertThat(conversion.get("yclid").isTextual()).isTrue();
        assertThat(conversion.get("yclid").asText()).isEqualTo("9007199254740993");
        assertThat(conversion.get("price").isTextual()).isTrue();
        assertThat(conversion.get("price").asText()).isEqualTo("1234567890.12");
        assertThat(conversion.get("currency").asText()).isEqualTo("RUB");
        assertThat(conversion.get("user_id").asText()).isEqualTo("user-1");
        assertThat(conversion.get("purchase_id").asText()).isEqualTo("order-1");
        assertThat(conversion.get("external_id").asText()).isEqualTo("crm-1");
        assertThat(conversion.get("target").asText()).isEqualTo("paid");
        assertThat(conversion.get("date_time").asText()).isEqualTo(Instant.ofEpochSecond(eventTime).toString());
        assertThat(Instant.parse(conversion.get("received_at").asText())).isBetween(before, Instant.now());
        assertThat(conversion.get("updated_at").asText()).endsWith("Z");
    }

    @Test
    void leavesAbsentFieldsOut() {
        CreatedWebhook webhook = Webhooks.create("conversion-sparse", 1, "goal");
        long id = storeOne(webhook, Ingest.conversion(77));
        JsonNode conversion = assertStatus(AdminApi.get("/api/conversions/" + id), 200);
        assertThat(conversion.get("client_id").asText()).isEqualTo("77");
        assertThat(conversion.get("target").asText()).isEqualTo("deal_won");
        for (String absent : List.of("yclid", "user_id", "purchase_id", "external_id", "price", "currency",
                "batch_id")) {
            assertThat(conversion.has(absent)).as(absent).isFalse();
        }
    }

    @Test
    void derivesTheStatusFromTheBatch() {
        CreatedWebhook webhook = Webhooks.create("conversion-status", 1, "goal");
        long id = storeOne(webhook, Ingest.conversion(1));
        long batch = batchOf(1, "uploaded", id);

        JsonNode conversion = assertStatus(AdminApi.get("/api/conversions/" + id), 200);
        assertThat(conversion.get("status").asText()).isEqualTo("uploaded");
        assertThat(conversion.get("batch_id").asLong()).isEqualTo(batch);

        Sql.update("UPDATE webhook_batches SET status = 'processed' WHERE id = ?", batch);
        assertThat(assertStatus(AdminApi.get("/api/conversions/" + id), 200).get("status").asText())
                .isEqualTo("processed");
    }

    @Test
    void answers404ForUnknownConversions() {
        for (String id : List.of("999999999999", "0", "-1", "abc", "1.5")) {
            assertError(AdminApi.get("/api/conversions/" + id), 404, "not_found");
        }
    }

    @Test
    void pagesThroughAWebhooksConversionsInIdOrder() {
        CreatedWebhook webhook = Webhooks.create("conversion-pages", 1, "goal");
        List<Long> ids = store(webhook, 5);

        JsonNode first = page(webhook, "?limit=2");
        assertThat(idsOf(first)).containsExactlyElementsOf(ids.subList(0, 2));
        assertThat(first.get("next_after").asLong()).isEqualTo(ids.get(1));

        JsonNode second = page(webhook, "?limit=2&after=" + first.get("next_after").asLong());
        assertThat(idsOf(second)).containsExactlyElementsOf(ids.subList(2, 4));
        assertThat(second.get("next_after").asLong()).isEqualTo(ids.get(3));

        JsonNode last = page(webhook, "?limit=2&after=" + second.get("next_after").asLong());
        assertThat(idsOf(last)).containsExactly(ids.get(4));
        assertThat(last.has("next_after")).isTrue();
        assertThat(last.get("next_after").isNull()).isTrue();
    }

    @Test
    void endsWithNullWhenTheLastPageIsFull() {
        CreatedWebhook webhook = Webhooks.create("conversion-full-page", 1, "goal");
        List<Long> ids = store(webhook, 4);

        JsonNode second = page(webhook, "?limit=2&after=" + ids.get(1));
        assertThat(idsOf(second)).containsExactlyElementsOf(ids.subList(2, 4));
        assertThat(second.get("next_after").isNull()).isTrue();
    }

    @Test
    void showsOnlyTheWebhooksOwnConversions() {
        CreatedWebhook mine = Webhooks.create("conversion-mine", 1, "goal");
        CreatedWebhook other = Webhooks.create("conversion-other", 1, "goal");
        List<Long> ids = store(mine, 2);
        store(other, 2);

        JsonNode page = page(mine, "");
        assertThat(idsOf(page)).containsExactlyElementsOf(ids);
        assertThat(page.get("conversions")).allMatch(c -> c.get("webhook_id").asText().equals(mine.id()));
        assertThat(page.get("next_after").isNull()).isTrue();
    }

    @Test
    void pagesByAHundredByDefault() {
        CreatedWebhook webhook = Webhooks.create("conversion-default-limit", 1, "goal");
        List<Long> ids = store(webhook, 101);

        JsonNode first = page(webhook, "");
        assertThat(first.get("conversions")).hasSize(100);
        assertThat(first.get("next_after").asLong()).isEqualTo(ids.get(99));
        assertThat(idsOf(page(webhook, "?limit=1000"))).containsExactlyElementsOf(ids);
    }

    @Test
    void filtersByStatus() {
        CreatedWebhook webhook = Webhooks.create("conversion-filter", 1, "goal");
        // One request each: a batch takes a request's conversions (its bundle) whole.
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(store(webhook, 1, 1000 + i).get(0));
        }
        batchOf(1, "uploaded", ids.get(1), ids.get(3));
        batchOf(1, "failed", ids.get(4));

        assertThat(idsOf(page(webhook, "?status=received"))).containsExactly(ids.get(0), ids.get(2));
        assertThat(idsOf(page(webhook, "?status=uploaded"))).containsExactly(ids.get(1), ids.get(3));
        assertThat(idsOf(page(webhook, "?status=failed"))).containsExactly(ids.get(4));
        assertThat(idsOf(page(webhook, "?status=stale"))).isEmpty();

        JsonNode firstUploaded = page(webhook, "?status=uploaded&limit=1");
        assertThat(idsOf(firstUploaded)).containsExactly(ids.get(1));
        JsonNode nextUploaded = page(webhook, "?status=uploaded&limit=1&after="
                + firstUploaded.get("next_after").asLong());
        assertThat(idsOf(nextUploaded)).containsExactly(ids.get(3));
        assertThat(nextUploaded.get("next_after").isNull()).isTrue();
        assertThat(page(webhook, "?status=uploaded").get("conversions"))
                .allMatch(c -> c.get("status").asText().equals("uploaded"));
    }

    @Test
    void acceptsLimitsFrom1To1000() {
        CreatedWebhook webhook = Webhooks.create("conversion-limits", 1, "goal");
        store(webhook, 2);
        assertThat(page(webhook, "?limit=1").get("conversions")).hasSize(1);
        assertThat(page(webhook, "?limit=1000").get("conversions")).hasSize(2);
    }

    @Test
    void refusesBadQueryParametersByName() {
        CreatedWebhook webhook = Webhooks.create("conversion-bad-query", 1, "goal");
        String path = "/api/webhooks/" + webhook.id() + "/conversions";
        for (String limit : List.of("0", "1001", "abc", "", "-1", "2.5")) {
            assertViolations(AdminApi.get(path + "?limit=" + limit), violation("limit", LIMIT_RULE));
        }
        assertViolations(AdminApi.get(path + "?status=done"), violation("status", STATUS_RULE));
        assertViolations(AdminApi.get(path + "?after=x"),
                violation("after", "must be a conversion id (a whole number, 0 or more)"));
        assertViolations(AdminApi.get(path + "?status=RECEIVED&limit=0&after=-5"),
                violation("after", "must be a conversion id (a whole number, 0 or more)"),
                violation("limit", LIMIT_RULE),
                violation("status", STATUS_RULE));
    }

    @Test
    void answers404ForAnUnknownWebhook() {
        for (String id : List.of(UUID.randomUUID().toString(), "nope")) {
            assertError(AdminApi.get("/api/webhooks/" + id + "/conversions"), 404, "not_found");
            assertError(AdminApi.get("/api/webhooks/" + id + "/conversions?limit=0"), 404, "not_found");
        }
    }

    private static JsonNode page(CreatedWebhook webhook, String query) {
        return assertStatus(AdminApi.get("/api/webhooks/" + webhook.id() + "/conversions" + query), 200);
    }

    private static List<Long> idsOf(JsonNode page) {
        List<Long> ids = new ArrayList<>();
        page.get("conversions").forEach(conversion -> ids.add(conversion.get("id").asLong()));
        return ids;
    }

    private static long storeOne(CreatedWebhook webhook, Map<String, Object> conversion) {
        Http.Response stored = Ingest.post(webhook.ingestUrl(), webhook.secret(), conversion);
        return assertStatus(stored, 202).get("ids").get(0).asLong();
    }

    /** Stores count conversions in one request; their ids ascending. */
    private static List<Long> store(CreatedWebhook webhook, int count) {
        return store(webhook, count, 1000);
    }

    /** Stores count conversions in one request, with ClientIds from firstClientId on. */
    private static List<Long> store(CreatedWebhook webhook, int count, int firstClientId) {
        List<Map<String, Object>> conversions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            conversions.add(Ingest.conversion(firstClientId + i));
        }
        JsonNode stored = assertStatus(Ingest.post(webhook.ingestUrl(), webhook.secret(),
                Map.of("conversions", conversions)), 202);
        List<Long> ids = new ArrayList<>();
        stored.get("ids").forEach(id -> ids.add(id.asLong()));
        assertThat(ids).hasSize(count).isSorted();
        return ids;
    }

    /** What the batching job will do: a batch in the given status claiming these conversions' bundles. */
    private static long batchOf(long counterId, String status, Long... conversionIds) {
        long batch = (Long) Sql.value("INSERT INTO webhook_batches (counter_id, identifier_columns, status, "
                + "conversion_count) VALUES (?, 'ClientId', ?, ?) RETURNING id", counterId, status, conversionIds.length);
        // These tests' webhooks are on counters without a sandbox account, so nothing else claims their bundles.
        for (Long id : conversionIds) {
            Sql.update("UPDATE conversion_bundles SET batch_id = ?"
                    + " WHERE id = (SELECT bundle_id FROM webhook_conversions WHERE id = ?)", batch, id);
        }
        return batch;
    }
}
