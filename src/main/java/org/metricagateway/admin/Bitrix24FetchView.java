package org.metricagateway.admin;

import java.time.Instant;
import java.util.UUID;

/**
 * A Bitrix24 deal fetch as the admin API shows it: the event it serves, its state (pending, done, ignored,
 * failed), how often it was tried, when it is due next, and what it read or why it failed.
 */
public record Bitrix24FetchView(
        long id,
        UUID webhookId,
        Long requestId,
        long dealId,
        String event,
        String status,
        int attempts,
        Instant nextAttemptAt,
        Instant lastAttemptAt,
        String stageId,
        Long conversionId,
        String lastErrorType,
        String lastErrorMessage,
        Instant createdAt,
        Instant updatedAt,
        Instant finishedAt) {
}
