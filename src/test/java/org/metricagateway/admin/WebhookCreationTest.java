package org.metricagateway.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.metricagateway.support.ApiAssertions.assertError;
import static org.metricagateway.support.ApiAssertions.assertStatus;

import java.net.http.HttpRequest;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.metricagateway.support.AdminApi;
import org.metricagateway.support.Http;
import org.metricagateway.support.Sql;

/** POST /api/webhooks: the answer, what is stored, and how bodies that are not JSON objects are refused. */
class WebhookCreationTest {

    @Test
    void answersTheWebhookWithItsSecretAndIngestPath() {
        Instant before = Instant.now().minusSeconds(1);
        Http.Response response = AdminApi.post("/api/webhooks", Map.of("name", "  Shop CRM  ", "counter_id", 12345,
                "default_target", " purchase ", "allowed_ips", List.of("203.0.113.0/24", "2001:db8::/32")));

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        JsonNode webhook = response.json();
        String id = webhook.get("id").asText();
        assertThat(UUID.fromString(id).version()).isEqualTo(4);
        assertThat(webhook.get("name").asText()).isEqualTo("Shop CRM");
        assertThat(webhook.get("counter_id").asLong()).isEqualTo(12345);
        assertThat(webhook.get("default_target").asText()).isEqualTo("purchase");
        assertThat(webhook.get("allowed_ips")).extracting(JsonNode::asText)
                .containsExactly("203.0.113.0/24", "2001:db8::/32");
        assertThat(webhook.get("active").asBoolean()).isTrue();
        assertThat(webhook.get("ingest_path").asText()).isEqualTo("/webhooks/" + id + "/conversions");
        assertThat(Instant.parse(webhook.get("created_at").asText())).isBetween(before, Instant.now().plusSeconds(1));
        assertThat(webhook.get("updated_at").asText()).isEqualTo(webhook.get("created_at").asText());
        assertThat(webhook.get("secret").asText()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(webhook.has("deactivated_at")).isFalse();
        assertThat(webhook.has("secret_rotated_at")).isFalse();
        assertThat(webhook.has("previous_secret_expires_at")).isFalse();
        assertThat(webhook.has("secret_hash")).isFalse();
    }

    @Test
    void storesOnlyTheSha256OfTheSecret() throws Exception {
        JsonNode webhook = created(Map.of("name", "hash-check", "counter_id", 1));
        String secret = webhook.get("secret").asText();

        Map<String, Object> row = Sql.row("SELECT * FROM webhooks WHERE id = ?::uuid", webhook.get("id").asText())
                .orElseThrow();
        byte[] stored = (byte[]) row.get("secret_hash");
        assertThat(stored).isNotEqualTo(secret.getBytes(StandardCharsets.UTF_8));
        assertThat(stored).isEqualTo(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        assertThat(row.values()).noneMatch(value -> value != null && value.toString().contains(secret));
        assertThat(row.get("previous_secret_hash")).isNull();
        assertThat(row.get("counter_id")).isEqualTo(1L);
    }

    @Test
    void showsTheSecretOnlyOnce() {
        JsonNode webhook = created(Map.of("name", "secret-once", "counter_id", 1));
        String secret = webhook.get("secret").asText();

        Http.Response read = AdminApi.get("/api/webhooks/" + webhook.get("id").asText());
        Http.Response list = AdminApi.get("/api/webhooks");
        for (Http.Response response : List.of(read, list)) {
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).doesNotContain(secret).doesNotContain("\"secret\"").doesNotContain("_hash");
        }
    }

    @Test
    void givesEachWebhookItsOwnIdAndSecret() {
        JsonNode first = created(Map.of("name", "twin", "counter_id", 7));
        JsonNode second = created(Map.of("name", "twin", "counter_id", 7));
        assertThat(second.get("id")).isNotEqualTo(first.get("id"));
        assertThat(second.get("secret")).isNotEqualTo(first.get("secret"));
    }

    @Test
    void leavesOptionalFieldsOut() {
        JsonNode webhook = created(Map.of("name", "minimal", "counter_id", 2147483647));
        assertThat(webhook.has("default_target")).isFalse();
        assertThat(webhook.get("allowed_ips")).isEmpty();
        assertThat(webhook.get("counter_id").asLong()).isEqualTo(2147483647L);
    }

    @Test
    void storesCanonicalCidrBlocksOnce() {
        JsonNode webhook = created(Map.of("name", "cidr", "counter_id", 1,
                "allowed_ips", List.of("192.0.2.7", "2001:0db8:0000::/48", "192.0.2.7/32", " 10.0.0.0/8 ")));
        assertThat(webhook.get("allowed_ips")).extracting(JsonNode::asText)
                .containsExactly("192.0.2.7/32", "2001:db8::/48", "10.0.0.0/8");
    }

    @Test
    void refusesBodiesThatAreNotJson() {
        Http.Response textPlain = Http.send(AdminApi.request("/api/webhooks").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\",\"counter_id\":1}")));
        Http.Response noContentType = Http.send(AdminApi.request("/api/webhooks")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\",\"counter_id\":1}")));
        assertError(textPlain, 415, "unsupported_media_type");
        assertError(noContentType, 415, "unsupported_media_type");
    }

    @Test
    void refusesMalformedJson() {
        assertError(postRaw("{\"name\": \"x\", "), 400, "malformed_json");
        assertError(postRaw(""), 400, "malformed_json");
        assertError(postRaw("{\"name\": \"x\", \"counter_id\": 1} {}"), 400, "malformed_json");
    }

    @Test
    void refusesJsonThatIsNotAnObject() {
        assertError(postRaw("[{\"name\": \"x\", \"counter_id\": 1}]"), 422, "invalid_body");
        assertError(postRaw("\"x\""), 422, "invalid_body");
        assertError(postRaw("null"), 422, "invalid_body");
    }

    @Test
    void acceptsJsonWithCharset() {
        Http.Response response = Http.send(AdminApi.request("/api/webhooks")
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"charset\",\"counter_id\":1}")));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
    }

    private static JsonNode created(Map<String, Object> body) {
        return assertStatus(AdminApi.post("/api/webhooks", body), 201);
    }

    private static Http.Response postRaw(String body) {
        return Http.send(AdminApi.request("/api/webhooks").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }
}
