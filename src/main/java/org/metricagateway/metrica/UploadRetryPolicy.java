package org.metricagateway.metrica;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.apache.camel.Exchange;
import org.metricagateway.logging.Correlation;
import org.metricagateway.retry.ExponentialBackoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retry decision of the upload route's redelivery error handler ({@code retryWhile}): retry what can succeed
 * later (network, timeouts, 5xx, per-second and parallel quotas, a busy gate), never what cannot (400, 401, 403,
 * 404), and not a daily quota (the batch waits for 00:00 UTC instead). Attempts and total retry time are bounded.
 * The wait before the next attempt is exponential with jitter, given to Camel through CamelRedeliveryDelay.
 */
public final class UploadRetryPolicy {
    public static final String LAST_ERROR_PROPERTY = "uploadLastError";
    private static final Logger LOG = LoggerFactory.getLogger(UploadRetryPolicy.class);

    private final BatchUploads uploads;
    private final int maxAttempts;
    private final Duration maxRetryTime;
    private final ExponentialBackoff backoff;
    private final Clock clock;

    public UploadRetryPolicy(BatchUploads uploads, int maxAttempts, Duration maxRetryTime, Duration initialBackoff,
                             Duration maxBackoff, Clock clock) {
        this.uploads = uploads;
        this.maxAttempts = maxAttempts;
        this.maxRetryTime = maxRetryTime;
        this.backoff = new ExponentialBackoff(initialBackoff, maxBackoff);
        this.clock = clock;
    }

    public boolean shouldRetry(Exchange exchange) throws SQLException {
        Correlation.resume(exchange);
        UploadBatch batch = exchange.getProperty(UploadBatch.PROPERTY, UploadBatch.class);
        MetricaError error = MetricaError.classify(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
        exchange.setProperty(LAST_ERROR_PROPERTY, error);
        if (batch == null) {
            return false;
        }
        uploads.attemptFailed(batch, error);
        int attempt = exchange.getProperty(BatchUploads.ATTEMPTS_PROPERTY, 1, Integer.class);
        boolean withinBounds = attempt < maxAttempts
                && Duration.between(batch.firstAttemptAt(), clock.instant()).compareTo(maxRetryTime) < 0;
        boolean retry = error.retryable() && withinBounds;
        if (retry) {
            long delay = delayMillis(attempt, error);
            exchange.getMessage().setHeader(Exchange.REDELIVERY_DELAY, delay);
            LOG.warn("Batch {}: attempt {} failed ({}, {}); retrying in {} ms", batch.id(), attempt,
                    error.errorType(), error.kind(), delay);
        }
        return retry;
    }

    long delayMillis(int attempt, MetricaError error) {
        return Math.max(backoff.delayMillis(attempt), error.kind() == MetricaError.Kind.SHORT_QUOTA ? 1000 : 0);
    }

    public static Instant nextUtcMidnight(Instant now) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
