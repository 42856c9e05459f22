package org.metricagateway.metrica;

import java.time.Instant;

/** The batch an upload run works on, as claimed from webhook_batches. */
public record UploadBatch(long id, long counterId, String identifierColumns, String comment, Instant firstAttemptAt,
                          boolean resumed) {
    public static final String PROPERTY = "uploadBatch";
}
