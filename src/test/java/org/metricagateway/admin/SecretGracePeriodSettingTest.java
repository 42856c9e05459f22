package org.metricagateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.metricagateway.support.Http;
import org.metricagateway.support.Ingest;
import org.metricagateway.support.TestGateway;

/** webhooks.secret-grace-period-seconds decides how long the previous secret works; 0 ends it at once. */
class SecretGracePeriodSettingTest {
    private static TestGateway gateway;

    @BeforeAll
    static void startWithoutGracePeriod() {
        gateway = TestGateway.start(Map.of("webhooks.secret-grace-period-seconds", "0"));
    }

    @AfterAll
    static void stop() {
        gateway.stop();
    }

    @Test
    void previousSecretStopsWorkingAtOnceWithoutGracePeriod() {
        JsonNode webhook = call(Http.request(gateway.baseUrl() + "/api/webhooks")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Http.json(Map.of("name", "no-grace", "counter_id", 1)))),
                201);
        String ingestUrl = gateway.baseUrl() + webhook.get("ingest_path").asText();
        String oldSecret = webhook.get("secret").asText();

        JsonNode rotated = call(Http.request(gateway.baseUrl() + "/api/webhooks/" + webhook.get("id").asText()
                + "/rotate-secret").POST(HttpRequest.BodyPublishers.noBody()), 200);

        assertThat(Duration.between(Instant.parse(rotated.get("secret_rotated_at").asText()),
                Instant.parse(rotated.get("previous_secret_expires_at").asText()))).isZero();
        assertThat(Ingest.post(ingestUrl, oldSecret, Ingest.conversion(1)).status()).isEqualTo(401);
        assertThat(Ingest.post(ingestUrl, rotated.get("secret").asText(), Ingest.conversion(1))
                .status()).isEqualTo(202);
    }

    private static JsonNode call(HttpRequest.Builder request, int expectedStatus) {
        Http.Response response = Http.send(request.header("Authorization", "Bearer " + TestGateway.ADMIN_TOKEN));
        assertThat(response.status()).as(response.toString()).isEqualTo(expectedStatus);
        return response.json();
    }
}
