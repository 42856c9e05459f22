package org.metricagateway.support;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** Creates webhooks through the admin API, for any test that needs one to send conversions to. */
public final class Webhooks {

    /** A webhook as its creator knows it: its id, its secret (shown once) and the full URL to POST conversions to. */
    public record CreatedWebhook(String id, String secret, String ingestUrl) {
    }

    private Webhooks() {
    }

    /** The same webhook, posted to through the suite's shared gateway. */
    public static CreatedWebhook create(CreatedWebhook webhook) {
        return new CreatedWebhook(webhook.id(), webhook.secret(),
                TestGateway.get().baseUrl() + "/webhooks/" + webhook.id() + "/conversions");
    }

    public static CreatedWebhook create(String name, long counterId, String defaultTarget) {
        return create(name, counterId, defaultTarget, List.of());
    }

    public static CreatedWebhook create(String name, long counterId, String defaultTarget, List<String> allowedIps) {
        return create(AdminApi.body(
                "name", name, "counter_id", counterId, "default_target", defaultTarget, "allowed_ips", allowedIps));
    }

    /** A webhook with any create body (format, settings, secret_in_query...). */
    public static CreatedWebhook create(java.util.Map<String, Object> body) {
        Http.Response response = AdminApi.post("/api/webhooks", body);
        if (response.status() != 201) {
            throw new AssertionError("Creating a webhook failed: " + response);
        }
        JsonNode webhook = response.json();
        return new CreatedWebhook(webhook.get("id").asText(), webhook.get("secret").asText(),
                TestGateway.get().baseUrl() + webhook.get("ingest_path").asText());
    }
}
