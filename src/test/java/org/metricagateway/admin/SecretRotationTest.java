package org.metricagateway.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.metricagateway.support.ApiAssertions.assertError;
import static org.metricagateway.support.ApiAssertions.assertStatus;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.metricagateway.support.AdminApi;
import org.metricagateway.support.Http;
import org.metricagateway.support.Ingest;
import org.metricagateway.support.Sql;
import org.metricagateway.support.TestGateway;
import org.metricagateway.support.Webhooks;
import org.metricagateway.support.Webhooks.CreatedWebhook;
import org.metricagateway.webhooks.WebhookDirectory;

/** POST /api/webhooks/{id}/rotate-secret and how ingest treats the old and the new secret. */
class SecretRotationTest {
    /** webhooks.secret-grace-period-seconds in application.properties. */
    private static final Duration GRACE_PERIOD = Duration.ofSeconds(86400);

    @Test
    void answersANewSecretAndKeepsTheOldOneForTheGracePeriod() throws Exception {
        CreatedWebhook webhook = Webhooks.create("rotate", 1, "goal");
        Instant before = Instant.now();

        JsonNode rotated = rotate(webhook);

        String newSecret = rotated.get("secret").asText();
        assertThat(newSecret).isNotEqualTo(webhook.secret()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(rotated.get("id").asText()).isEqualTo(webhook.id());
        Instant rotatedAt = Instant.parse(rotated.get("secret_rotated_at").asText());
        Instant expiresAt = Instant.parse(rotated.get("previous_secret_expires_at").asText());
        assertThat(rotatedAt).isCloseTo(before, within(5, ChronoUnit.SECONDS));
        assertThat(Duration.between(rotatedAt, expiresAt)).isEqualTo(GRACE_PERIOD);

        Map<String, Object> row = Sql.row("SELECT secret_hash, previous_secret_hash FROM webhooks WHERE id = ?::uuid",
                webhook.id()).orElseThrow();
        assertThat((byte[]) row.get("secret_hash")).isEqualTo(sha256(newSecret));
        assertThat((byte[]) row.get("previous_secret_hash")).isEqualTo(sha256(webhook.secret()));
        assertThat(rotated.has("secret_hash")).isFalse();
        assertThat(rotated.has("previous_secret_hash")).isFalse();
    }

    @Test
    void ingestAcceptsBothSecretsDuringTheGracePeriod() {
        CreatedWebhook webhook = Webhooks.create("rotate-both", 1, "goal");
        String newSecret = rotate(webhook).get("secret").asText();

        assertThat(ingest(webhook, webhook.secret()).status()).isEqualTo(202);
        assertThat(ingest(webhook, newSecret).status()).isEqualTo(202);
        assertError(ingest(webhook, "not-the-secret"), 401, "invalid_secret");
    }

    @Test
    void ingestRefusesTheOldSecretOnceTheGracePeriodIsOver() {
        CreatedWebhook webhook = Webhooks.create("rotate-expire", 1, "goal");
        String newSecret = rotate(webhook).get("secret").asText();
        assertThat(ingest(webhook, webhook.secret()).status()).isEqualTo(202);

        Sql.update("UPDATE webhooks SET previous_secret_expires_at = now() - interval '1 second' WHERE id = ?::uuid",
                webhook.id());
        evictFromIngestCache(webhook);

        assertError(ingest(webhook, webhook.secret()), 401, "invalid_secret");
        assertThat(ingest(webhook, newSecret).status()).isEqualTo(202);
    }

    @Test
    void secondRotationKeepsOnlyTheLatestPreviousSecret() {
        CreatedWebhook webhook = Webhooks.create("rotate-twice", 1, "goal");
        String second = rotate(webhook).get("secret").asText();
        String third = rotate(webhook).get("secret").asText();

        assertError(ingest(webhook, webhook.secret()), 401, "invalid_secret");
        assertThat(ingest(webhook, second).status()).isEqualTo(202);
        assertThat(ingest(webhook, third).status()).isEqualTo(202);
        assertThat((byte[]) Sql.value("SELECT previous_secret_hash FROM webhooks WHERE id = ?::uuid", webhook.id()))
                .isEqualTo(sha256(second));
    }

    @Test
    void showsTheNewSecretOnlyInTheRotationAnswer() {
        CreatedWebhook webhook = Webhooks.create("rotate-once", 1, "goal");
        String newSecret = rotate(webhook).get("secret").asText();

        Http.Response read = AdminApi.get("/api/webhooks/" + webhook.id());
        assertThat(read.body()).doesNotContain(newSecret).doesNotContain(webhook.secret());
        assertThat(read.json().has("secret")).isFalse();
        assertThat(read.json().has("previous_secret_expires_at")).isTrue();
    }

    @Test
    void answers404ForAnUnknownWebhook() {
        assertError(AdminApi.post("/api/webhooks/" + UUID.randomUUID() + "/rotate-secret"), 404, "not_found");
    }

    private static JsonNode rotate(CreatedWebhook webhook) {
        return assertStatus(AdminApi.post("/api/webhooks/" + webhook.id() + "/rotate-secret"), 200);
    }

    private static Http.Response ingest(CreatedWebhook webhook, String secret) {
        return Ingest.post(webhook.ingestUrl(), secret,
                Ingest.conversion(System.nanoTime()));
    }

    /** A change made behind the API's back: ingest would otherwise serve its cached copy for up to 5 s. */
    private static void evictFromIngestCache(CreatedWebhook webhook) {
        TestGateway.get().camel().getRegistry().lookupByNameAndType("webhookDirectory", WebhookDirectory.class)
                .evict(UUID.fromString(webhook.id()));
    }

    private static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
