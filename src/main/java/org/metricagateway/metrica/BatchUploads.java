package org.metricagateway.metrica;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import javax.sql.DataSource;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.metricagateway.database.Jdbc;
import org.metricagateway.logging.Correlation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The upload state of batches in PostgreSQL: which replica uploads a batch (a lease), what Metrica answered, and
 * what happens when it failed. Every transition is a conditional UPDATE, so two replicas never upload one batch.
 */
public final class BatchUploads {
    /** Attempts of this upload run (the exchange lives through every redelivery). */
    public static final String ATTEMPTS_PROPERTY = "uploadAttempts";
    /** Set when an attempt has sent the file. */
    private static final String SENT_PROPERTY = "uploadSent";
    private static final String SENT_AT_PROPERTY = "uploadSentAt";
    private static final Logger LOG = LoggerFactory.getLogger(BatchUploads.class);

    private static final String CLAIM = """
            UPDATE webhook_batches b
               SET status = 'uploading', lease_until = now() + make_interval(secs => ?),
                   first_attempt_at = coalesce(first_attempt_at, now()), next_attempt_at = NULL
             WHERE id = ?
               AND (status = 'open' OR (status = 'uploading' AND lease_until < now()))
               AND (next_attempt_at IS NULL OR next_attempt_at <= now())
               AND NOT EXISTS (SELECT 1 FROM metrica_counter_pauses p WHERE p.counter_id = b.counter_id)
            RETURNING id, counter_id, identifier_columns, upload_comment, first_attempt_at, attempts > 0 AS resumed""";
    private static final String ATTEMPT = """
            UPDATE webhook_batches SET attempts = attempts + 1, lease_until = now() + make_interval(secs => ?)
             WHERE id = ? AND status = 'uploading'""";
    private static final String UPLOADED = """
            UPDATE webhook_batches
               SET status = 'uploaded', metrica_upload_id = ?, metrica_status = ?, source_quantity = ?,
                   line_quantity = ?, uploaded_at = now(), next_poll_at = now() + make_interval(secs => ?),
                   lease_until = NULL, last_error_type = NULL, last_error_message = NULL
             WHERE id = ? AND status = 'uploading'""";
    private static final String ERROR = """
            UPDATE webhook_batches SET last_error_type = ?, last_error_message = ? WHERE id = ?""";
    private static final String FAILED = """
            UPDATE webhook_batches
               SET status = 'failed', finished_at = now(), lease_until = NULL, last_error_type = ?,
                   last_error_message = ?
             WHERE id = ? AND status = 'uploading'""";
    // The retry bounds start again after the wait: first_attempt_at is cleared.
    private static final String DEFERRED = """
            UPDATE webhook_batches
               SET status = 'open', next_attempt_at = ?, lease_until = NULL, first_attempt_at = NULL,
                   last_error_type = ?, last_error_message = ?
             WHERE id = ? AND status = 'uploading'""";
    private static final String PAUSE = """
            INSERT INTO metrica_counter_pauses (counter_id, error_type, message) VALUES (?, ?, ?)
            ON CONFLICT (counter_id) DO NOTHING""";

    private final DataSource dataSource;
    private final Duration lease;
    private final Duration firstPoll;
    private final Clock clock;
    private final MeterRegistry meters;

    public BatchUploads(DataSource dataSource, Duration lease, Duration firstPoll, Clock clock, MeterRegistry meters) {
        this.dataSource = dataSource;
        this.lease = lease;
        this.firstPoll = firstPoll;
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * Takes the batch for this replica: an open batch that is due, or an 'uploading' one whose uploader's lease
     * expired (it died). Returns false when the batch is not to be uploaded now (another replica has it, it is
     * done, its counter is paused, or it waits for a quota reset).
     */
    public boolean claim(Exchange exchange, long batchId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement claim = connection.prepareStatement(CLAIM)) {
            claim.setLong(1, lease.toSeconds());
            claim.setLong(2, batchId);
            try (ResultSet rs = claim.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                exchange.setProperty(UploadBatch.PROPERTY, new UploadBatch(rs.getLong("id"), rs.getLong("counter_id"),
                        rs.getString("identifier_columns"), rs.getString("upload_comment"),
                        rs.getTimestamp("first_attempt_at").toInstant(), rs.getBoolean("resumed")));
                // Every log line of the run, on this replica or on one that resumes it, names the batch's comment.
                Correlation.enter(exchange, rs.getString("upload_comment"));
                return true;
            }
        }
    }

    /**
     * Starts one attempt. Returns true when Metrica must first be asked whether it already has this upload: the
     * batch was uploaded by an earlier run (resumed after a crash, a quota wait or a replay), or an earlier attempt
     * of this run sent the file and did not get an answer that proves Metrica refused it (a timeout, a 5xx, a
     * failure after a 200 was received: all look the same from here).
     */
    public boolean startAttempt(Exchange exchange, @ExchangeProperty(UploadBatch.PROPERTY) UploadBatch batch,
                                @ExchangeProperty(UploadRetryPolicy.LAST_ERROR_PROPERTY) MetricaError lastError)
            throws SQLException {
        Correlation.resume(exchange);
        exchange.setProperty(ATTEMPTS_PROPERTY, exchange.getProperty(ATTEMPTS_PROPERTY, 0, Integer.class) + 1);
        boolean sentBefore = exchange.getProperty(SENT_PROPERTY, false, Boolean.class);
        exchange.removeProperty(SENT_PROPERTY);
        update(ATTEMPT, lease.toSeconds(), batch.id());
        Counter.builder("gateway.upload.attempts").description("Upload attempts to Metrica").register(meters)
                .increment();
        if (lastError == null) {
            return batch.resumed();
        }
        return sentBefore && !lastError.provesNotStored();
    }

    /** Right before the file is sent: from here on, the outcome of the attempt may be unknown. */
    public void sending(Exchange exchange) {
        exchange.setProperty(SENT_PROPERTY, true);
        exchange.setProperty(SENT_AT_PROPERTY, System.nanoTime());
    }

    /** After listing Metrica's uploads: adopts the one carrying this batch's comment, if there is one. */
    public boolean adoptIfPresent(Exchange exchange, @ExchangeProperty(UploadBatch.PROPERTY) UploadBatch batch)
            throws IOException, SQLException {
        Optional<MetricaUploading> existing = MetricaUploading.listFromAnswer(
                exchange.getMessage().getBody(String.class)).stream()
                .filter(uploading -> batch.comment().equals(uploading.comment()))
                .findFirst();
        if (existing.isEmpty()) {
            return false;
        }
        LOG.info("Batch {}: Metrica already has it as upload {}; adopting it instead of sending it again",
                batch.id(), existing.get().id());
        record(batch, existing.get());
        return true;
    }

    /** After a 200 from the upload endpoint. */
    public void uploaded(Exchange exchange, @ExchangeProperty(UploadBatch.PROPERTY) UploadBatch batch)
            throws IOException, SQLException {
        MetricaUploading uploading = MetricaUploading.fromAnswer(exchange.getMessage().getBody(String.class));
        Long sentAt = exchange.getProperty(SENT_AT_PROPERTY, Long.class);
        if (sentAt != null) {
            Timer.builder("gateway.upload.duration").description("Time from sending a batch to Metrica's answer")
                    .register(meters).record(Duration.ofNanos(System.nanoTime() - sentAt));
        }
        record(batch, uploading);
        LOG.info("Batch {} uploaded to counter {} as upload {} ({} of {} rows accepted)", batch.id(),
                batch.counterId(), uploading.id(), uploading.lineQuantity(), uploading.sourceQuantity());
    }

    private void record(UploadBatch batch, MetricaUploading uploading) throws SQLException {
        update(UPLOADED, uploading.id(), uploading.status(), uploading.sourceQuantity(), uploading.lineQuantity(),
                firstPoll.toSeconds(), batch.id());
    }

    /** Called for every failed attempt, before the retry decision: the batch shows its last error. */
    public void attemptFailed(UploadBatch batch, MetricaError error) throws SQLException {
        update(ERROR, error.errorType(), error.message(), batch.id());
        Counter.builder("gateway.metrica.errors").description("Errors of requests to Metrica, by type")
                .tag("type", error.errorType()).register(meters).increment();
    }

    /** No more retries: the batch fails (the dead letter), or waits for a quota reset, or pauses its counter. */
    public void gaveUp(Exchange exchange, @ExchangeProperty(UploadBatch.PROPERTY) UploadBatch batch)
            throws SQLException {
        MetricaError error = exchange.getProperty(UploadRetryPolicy.LAST_ERROR_PROPERTY, MetricaError.class);
        if (error == null) {
            error = MetricaError.classify(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
        }
        if (error.kind() == MetricaError.Kind.DAILY_QUOTA) {
            Instant reset = UploadRetryPolicy.nextUtcMidnight(clock.instant());
            update(DEFERRED, Timestamp.from(reset), error.errorType(), error.message(), batch.id());
            LOG.warn("Batch {} waits for the daily quota reset at {} ({})", batch.id(), reset, error.errorType());
            return;
        }
        if (error.kind() == MetricaError.Kind.TOKEN) {
            update(PAUSE, batch.counterId(), error.errorType(), error.message());
            Counter.builder("gateway.metrica.counter.pauses")
                    .description("Counters paused because Metrica refused their token").register(meters).increment();
            LOG.error("Counter {} is paused: Metrica refused its token ({}). Fix the token, then resume it with"
                    + " POST /api/counters/{}/resume", batch.counterId(), error.errorType(), batch.counterId());
        }
        update(FAILED, error.errorType(), error.message(), batch.id());
        LOG.error("Batch {} failed: {} ({})", batch.id(), error.errorType(), error.message());
    }

    private void update(String sql, Object... parameters) throws SQLException {
        Jdbc.update(dataSource, sql, parameters);
    }
}
