package org.metricagateway.admin;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A webhook as the admin API shows it (snake_case JSON, nulls left out). Never carries a secret hash; carries the
 * secret itself only in the answers of create and rotate-secret, the one time it is shown.
 */
public record WebhookView(
        UUID id,
        String name,
        long counterId,
        String defaultTarget,
        List<String> allowedIps,
        boolean active,
        String ingestPath,
        String format,
        JsonNode settings,
        boolean secretInQuery,
        Instant createdAt,
        Instant updatedAt,
        Instant deactivatedAt,
        Instant secretRotatedAt,
        Instant previousSecretExpiresAt,
        String secret) {

    public static String ingestPath(UUID id) {
        return "/webhooks/" + id + "/conversions";
    }

    public WebhookView withSecret(String newSecret) {
        return new WebhookView(id, name, counterId, defaultTarget, allowedIps, active, ingestPath, format,
                settings, secretInQuery, createdAt,
                updatedAt, deactivatedAt, secretRotatedAt, previousSecretExpiresAt, newSecret);
    }

    /** Deliberately without the secret: toString() output can reach logs. */
    @Override
    public String toString() {
        return "WebhookView[" + id + "]";
    }
}
