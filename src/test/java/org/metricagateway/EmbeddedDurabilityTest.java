package org.metricagateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.metricagateway.support.GatewayProcess;
import org.metricagateway.support.Http;
import org.metricagateway.support.Ingest;

/**
 * The default setup as `make run` uses it: a gateway process with its embedded PostgreSQL. Accepted conversions
 * survive a SIGKILL of the gateway (whose PostgreSQL child is left running and must be taken over), and no secret
 * ever reaches the output.
 */
class EmbeddedDurabilityTest {
    private static final String ADMIN_TOKEN = "durability-admin-token-0123456789";

    @Test
    void acceptedConversionsSurviveAKillAndSecretsNeverReachTheLog() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target"), "durability-");
        Map<String, String> environment = Map.of("DATA_DIR", dataDir.toString(), "ADMIN_TOKEN", ADMIN_TOKEN);
        String secret;
        String webhookId;
        long conversionId;
        Map<String, Object> conversion = Ingest.conversion(4242);
        try (GatewayProcess first = GatewayProcess.start(environment)) {
            JsonNode webhook = Http.send(Http.request(first.baseUrl() + "/api/webhooks")
                    .header("Authorization", "Bearer " + ADMIN_TOKEN)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"durable\",\"counter_id\":7}"))).json();
            webhookId = webhook.get("id").asText();
            secret = webhook.get("secret").asText();
            Ingest.post(first.baseUrl() + "/webhooks/" + webhookId + "/conversions", "wrong-" + secret, conversion);
            Http.Response accepted = Ingest.post(first.baseUrl() + "/webhooks/" + webhookId + "/conversions",
                    secret, conversion);
            assertThat(accepted.status()).isEqualTo(202);
            conversionId = accepted.json().get("ids").get(0).asLong();

            first.process().destroyForcibly();
            assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(first.output()).doesNotContain(secret).doesNotContain(ADMIN_TOKEN);
        }
        assertThat(dataDir.resolve("postgres/postmaster.pid")).as("the orphaned server still runs").exists();

        try (GatewayProcess second = GatewayProcess.start(environment)) {
            Http.Response stored = Http.send(Http.request(second.baseUrl() + "/api/conversions/" + conversionId)
                    .header("Authorization", "Bearer " + ADMIN_TOKEN));
            assertThat(stored.status()).isEqualTo(200);
            assertThat(stored.json().get("client_id").asText()).isEqualTo("4242");
            Http.Response again = Ingest.post(second.baseUrl() + "/webhooks/" + webhookId + "/conversions",
                    secret, conversion);
            assertThat(again.json().get("duplicates").asInt()).isEqualTo(1);

            second.process().destroy();
            assertThat(second.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(second.output()).doesNotContain(secret).doesNotContain(ADMIN_TOKEN)
                    .contains("Stopping an embedded PostgreSQL left running by a previous run");
        }
        assertThat(dataDir.resolve("postgres/postmaster.pid")).as("a graceful stop stops the server").doesNotExist();
    }
}
