package org.metricagateway.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.metricagateway.support.ApiAssertions.assertError;
import static org.metricagateway.support.ApiAssertions.assertStatus;
import static org.metricagateway.support.ApiAssertions.assertViolations;
import static org.metricagateway.support.ApiAssertions.violation;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.metricagateway.support.AdminApi;
import org.metricagateway.support.Http;
import org.metricagateway.support.Ingest;
import org.metricagateway.support.Webhooks;
import org.metricagateway.support.Webhooks.CreatedWebhook;

/** rotate-secret with a secret chosen elsewhere (Bitrix24's application token): checked, hashed, not echoed. */
class ChosenSecretTest {
    private static final String CHOSEN = "s8u9w7tqk1b2yq3z5h0x4c6n2m1a7e9r";

    @Test
    void aChosenSecretReplacesTheGeneratedOneAndIsNotSentBack() {
        CreatedWebhook webhook = Webhooks.create("chosen-secret", 101, "deal_won");

        JsonNode rotated = assertStatus(AdminApi.post("/api/webhooks/" + webhook.id() + "/rotate-secret",
                Map.of("secret", CHOSEN)), 200);

        assertThat(rotated.has("secret")).isFalse();
        assertThat(rotated.has("secret_rotated_at")).isTrue();
        assertThat(Ingest.post(webhook.ingestUrl(), CHOSEN, Ingest.conversion(1001)).status()).isEqualTo(202);
    }

    @Test
    void aSecretThatCannotBeOneIsRefusedAndTheOldOneStays() {
        CreatedWebhook webhook = Webhooks.create("chosen-secret-bad", 101, "deal_won");
        String path = "/api/webhooks/" + webhook.id() + "/rotate-secret";

        Http.Response tooShort = AdminApi.post(path, Map.of("secret", "short token"));
        assertViolations(tooShort, violation("secret", "must be 16 to 255 printable ASCII characters without"
                + " spaces (such as Bitrix24's application token)"));
        assertThat(tooShort.body()).doesNotContain("short token");
        assertViolations(AdminApi.post(path, Map.of("secret", CHOSEN, "grace", 0)),
                violation("grace", "is not a known field"));
        assertError(AdminApi.post(path, "[]"), 422, "invalid_body");

        assertThat(Ingest.post(webhook, Ingest.conversion(1002)).status()).isEqualTo(202);
    }

    @Test
    void withoutABodyTheGatewayStillGeneratesTheSecret() {
        CreatedWebhook webhook = Webhooks.create("chosen-secret-none", 101, "deal_won");
        JsonNode rotated = assertStatus(AdminApi.post("/api/webhooks/" + webhook.id() + "/rotate-secret"), 200);
        assertThat(rotated.get("secret").asText()).hasSize(43);
    }
}
