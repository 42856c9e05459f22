package org.metricagateway.admin;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An accepted ingest request as it was kept (webhook_requests): what the CRM sent (secrets removed, maybe cut) and
 * what it was answered. {@code body} and {@code form} (a form body decoded as its adapter saw it) only when one
 * request is read, not in pages.
 */
public record RequestView(
        long id,
        UUID webhookId,
        String state,
        String contentType,
        int bodySize,
        boolean bodyTruncated,
        String correlationId,
        int accepted,
        int duplicates,
        int ignored,
        List<Long> conversionIds,
        Instant receivedAt,
        String body,
        JsonNode form) {

    /** Without the body: toString() output can reach logs. */
    @Override
    public String toString() {
        return "RequestView[" + id + "]";
    }
}
