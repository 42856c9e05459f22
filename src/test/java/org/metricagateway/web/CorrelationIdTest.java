package org.metricagateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.metricagateway.support.AdminApi;
import org.metricagateway.support.Http;
import org.metricagateway.support.Ingest;
import org.metricagateway.support.Sql;
import org.metricagateway.support.Webhooks;
import org.metricagateway.support.Webhooks.CreatedWebhook;

/** Every HTTP answer carries the request's correlation id: the caller's sane X-Request-Id, or a new UUID. */
class CorrelationIdTest {
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    private final CreatedWebhook webhook = Webhooks.create("correlation", 120, "deal_won");

    @Test
    void aSaneRequestIdComesBackWithTheAnswer() {
        Http.Response answer = ingest("crm-7f3a:lead.42_b", Http.json(List.of(Ingest.conversion(1))));
        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.headers().firstValue("X-Request-Id")).contains("crm-7f3a:lead.42_b");
        // Kept with the request (the exchange property correlationId is what the raw request capture stores).
        assertThat(Sql.value("SELECT r.correlation_id FROM webhook_requests r JOIN webhook_conversions c"
                + " ON c.request_id = r.id WHERE c.id = ?", answer.json().get("ids").get(0).asLong()))
                .isEqualTo("crm-7f3a:lead.42_b");
    }

    @Test
    void withoutOneTheGatewayMakesOne() {
        Http.Response answer = Http.send(Http.request(webhook.ingestUrl())
                .header("Content-Type", "application/json")
                .header("X-Webhook-Secret", webhook.secret())
                .POST(HttpRequest.BodyPublishers.ofString(Http.json(Ingest.conversion(2)))));
        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.headers().firstValue("X-Request-Id")).hasValueSatisfying(id -> assertThat(id).matches(UUID));
    }

    @Test
    void anUnsafeOrOverlongRequestIdIsReplacedNotEchoed() {
        for (String unsafe : List.of("has space", "quote\"", "-starts-with-dash", "x".repeat(129), "semi;colon")) {
            Http.Response answer = ingest(unsafe, Http.json(Ingest.conversion(3)));
            assertThat(answer.status()).isEqualTo(202);
            assertThat(answer.headers().firstValue("X-Request-Id")).as(unsafe)
                    .hasValueSatisfying(id -> assertThat(id).matches(UUID));
        }
        assertThat(ingest("x".repeat(128), Http.json(Ingest.conversion(4))).headers().firstValue("X-Request-Id"))
                .contains("x".repeat(128));
    }

    @Test
    void errorAnswersAndTheAdminApiCarryItToo() {
        Http.Response refused = Http.send(Http.request(webhook.ingestUrl())
                .header("Content-Type", "application/json")
                .header("X-Webhook-Secret", "wrong")
                .header("X-Request-Id", "crm-refused-1")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.headers().firstValue("X-Request-Id")).contains("crm-refused-1");

        Http.Response invalid = ingest("crm-invalid-1", "{\"client_id\": \"abc\"}");
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.headers().firstValue("X-Request-Id")).contains("crm-invalid-1");

        Http.Response admin = Http.send(AdminApi.request("/api/webhooks/" + webhook.id())
                .header("X-Request-Id", "ops-1"));
        assertThat(admin.status()).isEqualTo(200);
        assertThat(admin.headers().firstValue("X-Request-Id")).contains("ops-1");
    }

    private Http.Response ingest(String requestId, String body) {
        return Http.send(Http.request(webhook.ingestUrl())
                .header("Content-Type", "application/json")
                .header("X-Webhook-Secret", webhook.secret())
                .header("X-Request-Id", requestId)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }
}
