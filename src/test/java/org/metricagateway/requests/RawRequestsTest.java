package org.metricagateway.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.metricagateway.support.ApiAssertions.assertStatus;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.metricagateway.support.AdminApi;
import org.metricagateway.support.Fixtures;
import org.metricagateway.support.Http;
import org.metricagateway.support.Ingest;
import org.metricagateway.support.Senders;
import org.metricagateway.support.Sql;
import org.metricagateway.support.Webhooks;
import org.metricagateway.support.Webhooks.CreatedWebhook;

/** Every accepted request is kept (secrets stripped) with its answer, and its conversions name it. */
class RawRequestsTest {

    private static CreatedWebhook amoCrm(String name) {
        return Webhooks.create(AdminApi.body("name", name, "counter_id", 44004, "format", "amocrm",
                "secret_in_query", true, "settings", Map.of("status_targets", Map.of("142", "deal_won"),
                        "client_id_field", "ClientID", "currency", "RUB")));
    }

    @Test
    void anAcceptedCanonicalRequestIsStoredAsReceivedAndLinkedToItsConversions() {
        CreatedWebhook webhook = Webhooks.create("raw-canonical", 44004, "deal_won");
        String body = Http.json(List.of(Ingest.conversion(501), Ingest.conversion(502)));

        JsonNode answer = assertStatus(Ingest.post(webhook, body), 202);

        Map<String, Object> request = Sql.row("""
                SELECT id, state, content_type, body, body_size, body_truncated, accepted, duplicates, ignored,
                       array_to_string(conversion_ids, ',') AS ids
                  FROM webhook_requests WHERE webhook_id = ?::uuid""", webhook.id()).orElseThrow();
        assertThat(request).containsEntry("state", "processed").containsEntry("content_type", "application/json")
                .containsEntry("body", body).containsEntry("body_size", body.length())
                .containsEntry("body_truncated", false).containsEntry("accepted", 2)
                .containsEntry("duplicates", 0).containsEntry("ignored", 0)
                .containsEntry("ids", answer.get("ids").get(0).asText() + "," + answer.get("ids").get(1).asText());
        assertThat(Sql.rows("SELECT request_id FROM webhook_conversions WHERE webhook_id = ?::uuid", webhook.id()))
                .extracting(row -> row.get("request_id")).containsOnly(request.get("id"));
    }

    @Test
    void aRefusedRequestIsNotStored() {
        CreatedWebhook webhook = Webhooks.create("raw-refused", 44004, "deal_won");
        Map<String, Object> invalid = Ingest.conversion(503);
        invalid.put("client_id", "not-a-number");

        assertThat(Ingest.post(webhook, invalid).status()).isEqualTo(422);

        assertThat(Sql.rows("SELECT id FROM webhook_requests WHERE webhook_id = ?::uuid", webhook.id())).isEmpty();
    }

    @Test
    void secretFieldsOfAFormAreStrippedBeforeStorage() {
        CreatedWebhook webhook = amoCrm("raw-stripped");

        assertStatus(Senders.postWithQuerySecret(webhook, webhook.secret(), Senders.FORM,
                Fixtures.form("amocrm/lead-with-application-token.form", Instant.now())), 202);

        String stored = (String) Sql.value("SELECT body FROM webhook_requests WHERE webhook_id = ?::uuid",
                webhook.id());
        assertThat(stored).contains("leads%5Bstatus%5D%5B0%5D%5Bid%5D=25500001")
                .contains("auth%5Bdomain%5D=mebel-moskva.amocrm.ru")
                .doesNotContain("application_token").doesNotContain("bx-app-token-must-not-be-stored")
                .doesNotContain(webhook.secret());
    }

    @Test
    void secretFieldsOfAnAdapterJsonBodyAreStrippedAtAnyDepth() {
        CreatedWebhook webhook = amoCrm("raw-json-stripped");
        String body = Http.json(Map.of("account", Map.of("subdomain", "shop", "access_token", "tok-123"),
                "leads", Map.of("status", List.of(Map.of("id", "1", "status_id", "142",
                        "updated_at", Instant.now().getEpochSecond(), "custom_fields", List.of(Map.of(
                                "id", "1", "name", "ClientID", "values", List.of(Map.of("value", "77")))))))));

        JsonNode answer = assertStatus(Senders.post(webhook, "application/json", body), 202);

        assertThat(answer.get("accepted").asInt()).isEqualTo(1);
        String stored = (String) Sql.value("SELECT body FROM webhook_requests WHERE webhook_id = ?::uuid",
                webhook.id());
        assertThat(stored).contains("\"subdomain\":\"shop\"").doesNotContain("access_token").doesNotContain("tok-123");
    }
}
