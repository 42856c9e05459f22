package org.metricagateway.admin;

import java.time.Instant;

/** A batch as the admin API shows it: its fate at Metrica, its counts, its last error and its timestamps. */
public record BatchView(
        long id,
        long counterId,
        String identifierColumns,
        String status,
        int conversionCount,
        String uploadComment,
        Long metricaUploadId,
        String metricaStatus,
        Integer sourceQuantity,
        Integer lineQuantity,
        Integer linkedQuantity,
        Integer userNotFoundQuantity,
        Integer goalNotFoundQuantity,
        int attempts,
        String lastErrorType,
        String lastErrorMessage,
        Instant nextAttemptAt,
        Instant nextPollAt,
        Instant createdAt,
        Instant updatedAt,
        Instant uploadedAt,
        Instant finishedAt) {
}
