package org.metricagateway.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.metricagateway.support.ApiAssertions.assertStatus;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.metricagateway.support.Deadline;
import org.metricagateway.support.Http;
import org.metricagateway.support.Ingest;
import org.metricagateway.support.Sql;
import org.metricagateway.support.TestGateway;
import org.metricagateway.support.Webhooks;
import org.metricagateway.support.Webhooks.CreatedWebhook;

/** requests.* settings: expired raw requests are deleted in chunks, bodies are cut to the configured size. */
class RequestRetentionTest {
    private static final int MAX_BODY_BYTES = 120;
    private static TestGateway gateway;

    @BeforeAll
    static void startWithFastRetentionAndSmallBodies() {
        gateway = TestGateway.start(Map.of(
                "database.url", TestGateway.get().jdbcUrl(),
                "requests.retention-interval-ms", "200",
                "requests.retention-chunk-rows", "2",
                "requests.max-body-bytes", Integer.toString(MAX_BODY_BYTES)));
    }

    @AfterAll
    static void stop() {
        gateway.stop();
    }

    private static JsonNode post(CreatedWebhook webhook, Object body) {
        return assertStatus(Http.send(Http.request(gateway.baseUrl() + "/webhooks/" + webhook.id() + "/conversions")
                .header("Content-Type", "application/json")
                .header("X-Webhook-Secret", webhook.secret())
                .POST(HttpRequest.BodyPublishers.ofString(Http.json(body)))), 202);
    }

    @Test
    void requestsOlderThanTheRetentionPeriodAreDeletedAndTheirConversionsStay() {
        CreatedWebhook webhook = Webhooks.create("retention", 44006, "deal_won");
        for (int i = 0; i < 5; i++) {
            post(webhook, Ingest.conversion(600 + i));
        }
        JsonNode recent = post(webhook, Ingest.conversion(700));
        Sql.update("""
                UPDATE webhook_requests SET received_at = now() - interval '15 days'
                 WHERE webhook_id = ?::uuid AND NOT (? = ANY (conversion_ids))""",
                webhook.id(), recent.get("ids").get(0).asLong());

        // Five expired rows, two per statement: the loop runs until a chunk comes back short.
        Deadline.within(Duration.ofSeconds(10)).until(() -> ((Long) Sql.value(
                "SELECT count(*) FROM webhook_requests WHERE webhook_id = ?::uuid", webhook.id())) == 1);

        assertThat(Ingest.storedCount(webhook)).isEqualTo(6);
        assertThat(Sql.value("SELECT conversion_ids[1] FROM webhook_requests WHERE webhook_id = ?::uuid",
                webhook.id())).isEqualTo(recent.get("ids").get(0).asLong());
    }

    @Test
    void aBodyLargerThanTheLimitIsCutAndMarked() {
        CreatedWebhook webhook = Webhooks.create("truncated", 44006, "deal_won");
        List<Map<String, Object>> body = List.of(Ingest.conversion(801), Ingest.conversion(802));
        int size = Http.json(body).length();

        post(webhook, body);

        Map<String, Object> row = Sql.row("""
                SELECT octet_length(body) AS kept, body_size, body_truncated FROM webhook_requests
                 WHERE webhook_id = ?::uuid""", webhook.id()).orElseThrow();
        assertThat(row).containsEntry("kept", MAX_BODY_BYTES).containsEntry("body_size", size)
                .containsEntry("body_truncated", true);
    }
}
