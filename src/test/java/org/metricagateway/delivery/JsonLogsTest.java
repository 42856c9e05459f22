package org.metricagateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.metricagateway.support.Deadline;
import org.metricagateway.support.GatewayProcess;
import org.metricagateway.support.Http;
import org.metricagateway.support.Ingest;
import org.metricagateway.support.Webhooks.CreatedWebhook;

/**
 * LOG_FORMAT=json: every line the process writes is one JSON object; the request's X-Request-Id is on its log line,
 * the batch that holds its conversions lists it, and the batch's upload lines carry the batch's own correlation id.
 * No secret is in the log.
 */
class JsonLogsTest {
    private static final long COUNTER = 801;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ProcessRig rig = new ProcessRig();

    @AfterEach
    void stopSandbox() {
        rig.sandbox.stop();
    }

    @Test
    void jsonLinesFollowARequestIntoTheBatchThatUploadsIt() throws Exception {
        rig.counter(COUNTER);
        // Groups complete only when flushed, so that one batch holds every request of the test.
        GatewayProcess gateway = GatewayProcess.start(rig.environment(Map.of("LOG_FORMAT", "json",
                "BATCHING_COMPLETION_INTERVAL_MS", "600000", "BATCHING_RECOVERY_MIN_AGE_MS", "700000",
                "DATA_DIR", Files.createTempDirectory(Path.of("target"), "json-logs-").toString())));
        CreatedWebhook webhook;
        try (gateway) {
            webhook = ProcessRig.webhook(gateway, COUNTER);
            send(gateway, webhook, "crm-request-801", 80001);
            // 25 more requests: the batch's line lists the first 20 and counts the others.
            for (int i = 1; i <= 25; i++) {
                send(gateway, webhook, "crm-more-" + i, 80001 + i);
            }
            assertThat(Http.send(Http.request(gateway.baseUrl() + "/api/batches/flush")
                    .header("Authorization", "Bearer " + ProcessRig.ADMIN_TOKEN)
                    .POST(HttpRequest.BodyPublishers.noBody())).status()).isEqualTo(202);
            Deadline.within(Duration.ofSeconds(30)).until(() -> rig.receivedClientIds(COUNTER).size() == 26);
            gateway.process().destroy();
            assertThat(gateway.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        List<JsonNode> lines = new ArrayList<>();
        for (String line : gateway.output().split("\n")) {
            lines.add(JSON.readTree(line));
        }
        assertThat(lines).hasSizeGreaterThan(20)
                .allSatisfy(line -> assertThat(line.path("@timestamp").isTextual()).as(line.toString()).isTrue());

        JsonNode request = only(lines, "crm-request-801", "accepted 1 conversions");
        assertThat(request.get("log.level").asText()).isEqualTo("INFO");
        JsonNode formed = lines.stream().filter(line -> line.get("message").asText().contains("crm-request-801")
                        && line.get("message").asText().startsWith("Batch "))
                .findFirst().orElseThrow(() -> new AssertionError("no batch line lists the request"));
        assertThat(formed.get("message").asText()).contains("holds 26 conversions", "from 26 requests: crm-request-801,",
                "crm-more-19 (and 6 more)").doesNotContain("crm-more-20");
        String batchCorrelation = formed.get("correlation_id").asText();
        assertThat(batchCorrelation).matches("mog-[0-9a-f]{12}-[0-9]+");
        only(lines, batchCorrelation, "uploaded to counter " + COUNTER);

        assertThat(gateway.output()).doesNotContain(webhook.secret()).doesNotContain(ProcessRig.ADMIN_TOKEN)
                .doesNotContain(org.metricagateway.support.DeliveryRig.TOKEN);
    }

    private static void send(GatewayProcess gateway, CreatedWebhook webhook, String requestId, long clientId) {
        Map<String, Object> conversion = Ingest.conversion(0);
        conversion.put("client_id", Long.toString(clientId));
        Http.Response accepted = Http.send(Http.request(ProcessRig.ingestUrl(gateway, webhook.id()))
                .header("Content-Type", "application/json")
                .header("X-Webhook-Secret", webhook.secret())
                .header("X-Request-Id", requestId)
                .POST(HttpRequest.BodyPublishers.ofString(Http.json(List.of(conversion)))));
        assertThat(accepted.status()).isEqualTo(202);
    }

    private static JsonNode only(List<JsonNode> lines, String correlationId, String messagePart) {
        List<JsonNode> found = lines.stream()
                .filter(line -> correlationId.equals(line.path("correlation_id").asText())
                        && line.get("message").asText().contains(messagePart))
                .toList();
        assertThat(found).as(correlationId + ": " + messagePart).hasSize(1);
        return found.get(0);
    }
}
