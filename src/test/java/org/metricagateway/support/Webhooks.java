package org.metricagateway.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.UUID;

import org.metricagateway.webhooks.WebhookSecrets;

/** Temporary: inserts webhooks directly until the admin API lands (then it goes through POST /api/webhooks). */
public final class Webhooks {
    private Webhooks() {
    }

    public record CreatedWebhook(String id, String secret, String ingestUrl) {
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
        String id = UUID.randomUUID().toString();
        String secret = WebhookSecrets.generate();
        try (Connection c = TestGateway.get().connection();
             PreparedStatement s = c.prepareStatement("INSERT INTO webhooks (id, name, counter_id, default_target,"
                     + " allowed_ips, secret_hash) VALUES (?::uuid, ?, ?, ?, ?::cidr[], ?)")) {
            s.setString(1, id);
            s.setString(2, name);
            s.setLong(3, counterId);
            s.setString(4, defaultTarget);
            s.setArray(5, c.createArrayOf("text", allowedIps.toArray()));
            s.setBytes(6, WebhookSecrets.hash(secret));
            s.executeUpdate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return new CreatedWebhook(id, secret, TestGateway.get().baseUrl() + "/webhooks/" + id + "/conversions");
    }
}
