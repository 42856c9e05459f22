package org.metricagateway.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.metricagateway.support.ApiAssertions.assertError;
import static org.metricagateway.support.ApiAssertions.assertStatus;
import static org.metricagateway.support.ApiAssertions.assertViolations;
import static org.metricagateway.support.ApiAssertions.violation;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.metricagateway.support.AdminApi;
import org.metricagateway.support.Fixtures;
import org.metricagateway.support.Http;
import org.metricagateway.support.Ingest;
import org.metricagateway.support.Senders;
import org.metricagateway.support.Webhooks;
import org.metricagateway.support.Webhooks.CreatedWebhook;

/** The admin API shows what a CRM sent: a webhook's requests, one request with its body, a conversion's request. */
class RequestsApiTest {

    @Test
    void aConversionLeadsToTheRequestThatStoredItAndToWhatTheCrmSent() {
        CreatedWebhook webhook = Webhooks.create(AdminApi.body("name", "requests-api", "counter_id", 44007,
                "format", "amocrm", "settings", Map.of("status_targets", Map.of("142", "deal_won"),
                        "client_id_field", "ClientID", "currency", "RUB")));
        JsonNode answer = assertStatus(Senders.post(webhook, Senders.FORM,
                Fixtures.form("amocrm/leads-status-and-add.form", Instant.now())), 202);

        JsonNode page = assertStatus(AdminApi.get("/api/webhooks/" + webhook.id() + "/requests"), 200);
        assertThat(page.get("requests")).hasSize(1);
        assertThat(page.get("next_after").isNull()).isTrue();
        JsonNode listed = page.get("requests").get(0);
        assertThat(listed.has("body")).isFalse();
        assertThat(listed.get("accepted").asInt()).isEqualTo(2);
        assertThat(listed.get("ignored").asInt()).isEqualTo(3);
        assertThat(listed.get("conversion_ids")).isEqualTo(answer.get("ids"));

        long conversionId = answer.get("ids").get(0).asLong();
        long requestId = assertStatus(AdminApi.get("/api/conversions/" + conversionId), 200).get("request_id").asLong();
        assertThat(requestId).isEqualTo(listed.get("id").asLong());

        JsonNode request = assertStatus(AdminApi.get("/api/requests/" + requestId), 200);
        assertThat(request.get("state").asText()).isEqualTo("processed");
        assertThat(request.get("content_type").asText()).isEqualTo(Senders.FORM);
        assertThat(request.get("body").asText()).startsWith("leads%5Bstatus%5D%5B0%5D%5Bid%5D=25399013&");
        // The form as the adapter decoded it: every lead, Cyrillic intact.
        assertThat(request.at("/form/leads/status").size()).isEqualTo(3);
        assertThat(request.at("/form/leads/status/0/name").asText()).isEqualTo("Кухня «Модерн» — Иванова А. С.");
        assertThat(request.at("/form/account/subdomain").asText()).isEqualTo("mebel-moskva");
    }

    @Test
    void aWebhooksRequestsArePagedInIdOrder() {
        CreatedWebhook webhook = Webhooks.create("requests-paging", 44007, "deal_won");
        for (int i = 0; i < 3; i++) {
            assertStatus(Ingest.post(webhook, Http.json(Ingest.conversion(900 + i))), 202);
        }

        JsonNode first = assertStatus(AdminApi.get("/api/webhooks/" + webhook.id() + "/requests?limit=2"), 200);
        assertThat(first.get("requests")).hasSize(2);
        JsonNode rest = assertStatus(AdminApi.get("/api/webhooks/" + webhook.id() + "/requests?limit=2&after="
                + first.get("next_after").asLong()), 200);

        assertThat(rest.get("requests")).hasSize(1);
        assertThat(rest.get("next_after").isNull()).isTrue();
        assertThat(rest.get("requests").get(0).get("id").asLong()).isGreaterThan(first.get("next_after").asLong());
    }

    @Test
    void aRequestKeepsItsCorrelationId() {
        CreatedWebhook webhook = Webhooks.create("requests-correlation", 44007, "deal_won");

        assertStatus(Http.send(Http.request(webhook.ingestUrl())
                .header("Content-Type", "application/json")
                .header("X-Webhook-Secret", webhook.secret())
                .header("X-Request-Id", "amo-hook-7f3a91")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(Http.json(Ingest.conversion(990))))), 202);

        JsonNode page = assertStatus(AdminApi.get("/api/webhooks/" + webhook.id() + "/requests"), 200);
        assertThat(page.at("/requests/0/correlation_id").asText()).isEqualTo("amo-hook-7f3a91");
    }

    @Test
    void badParametersAndUnknownIdsAreClearErrors() {
        CreatedWebhook webhook = Webhooks.create("requests-errors", 44007, "deal_won");

        assertViolations(AdminApi.get("/api/webhooks/" + webhook.id() + "/requests?limit=0&after=x"),
                violation("after", "must be a request id (a whole number, 0 or more)"),
                violation("limit", "must be a whole number from 1 to 1000"));
        assertError(AdminApi.get("/api/requests/999999999999"), 404, "not_found");
        assertError(AdminApi.get("/api/webhooks/00000000-0000-0000-0000-000000000000/requests"), 404, "not_found");
        assertError(Http.send(AdminApi.unauthenticated("/api/requests/1").GET()), 401, "unauthorized");
    }
}
