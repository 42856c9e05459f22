package org.metricagateway.webhooks;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What ingest needs to know of a webhook to authenticate a request, run its adapter ({@code format}, with its
 * {@code settings}) and complete its conversions.
 */
public record Webhook(
        UUID id,
        long counterId,
        String defaultTarget,
        boolean active,
        List<IpRange> allowedIps,
        byte[] secretHash,
        byte[] previousSecretHash,
        Instant previousSecretExpiresAt,
        String format,
        JsonNode settings,
        boolean secretInQuery) {

    /** The current secret, or the previous one while its grace period after a rotation lasts. */
    public boolean acceptsSecret(String presented, Instant now) {
        if (WebhookSecrets.matches(presented, secretHash)) {
            return true;
        }
        return previousSecretHash != null && previousSecretExpiresAt != null && now.isBefore(previousSecretExpiresAt)
                && WebhookSecrets.matches(presented, previousSecretHash);
    }

    public boolean allowsAddress(java.net.InetAddress address) {
        return allowedIps.isEmpty() || allowedIps.stream().anyMatch(range -> range.contains(address));
    }
}
