package org.metricagateway.admin;

import java.time.Instant;
import java.util.UUID;

/**
 * A stored conversion as the admin API shows it. {@code client_id}, {@code yclid} and {@code price} are JSON
 * strings: unsigned 64-bit ids and exact decimals do not survive JavaScript's numbers. {@code status} is derived:
 * "received" until a batch claims the conversion, then the batch's status. {@code request_id} names the ingest
 * request that stored it (GET /api/requests/{id}; gone after the retention period).
 */
public record ConversionView(
        long id,
        UUID webhookId,
        long counterId,
        String status,
        Long batchId,
        String externalId,
        String clientId,
        String userId,
        String yclid,
        String purchaseId,
        String target,
        Instant dateTime,
        String price,
        String currency,
        Long requestId,
        Instant receivedAt,
        Instant updatedAt) {

    /** Deliberately without field values: these are customer identifiers. */
    @Override
    public String toString() {
        return "ConversionView[" + id + "]";
    }
}
