package org.metricagateway.status;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.metricagateway.database.Jdbc;
import org.metricagateway.metrica.MetricaError;
import org.metricagateway.metrica.MetricaRequests;
import org.metricagateway.metrica.MetricaUploading;
import org.metricagateway.logging.Correlation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One status poll of one upload: prepares the GET uploading/{id}, then stores what Metrica says. PROCESSED and
 * LINKAGE_FAILURE are final; every other status (including ones Metrica may add later) is not, and the next poll is
 * scheduled by {@link PollSchedule}, until the batch is too old and becomes stale.
 */
public final class StatusPolls {
    public static final String BATCH_PROPERTY = "pollBatch";
    private static final Logger LOG = LoggerFactory.getLogger(StatusPolls.class);
    private static final Map<String, String> FINAL = Map.of("PROCESSED", "processed",
            "LINKAGE_FAILURE", "linkage_failure");
    private static final Set<String> KNOWN = Set.of("PREPARED", "UPLOADED", "EXPORTED", "MATCHED", "PROCESSED",
            "LINKAGE_FAILURE");

    private static final String FINISHED = """
            UPDATE webhook_batches
               SET status = ?, metrica_status = ?, line_quantity = coalesce(?, line_quantity), linked_quantity = ?,
                   user_not_found_quantity = ?, goal_not_found_quantity = ?, finished_at = now(),
                   next_poll_at = NULL, last_polled_at = now(), poll_count = poll_count + 1
             WHERE id = ? AND status = 'uploaded'""";
    private static final String PENDING = """
            UPDATE webhook_batches
               SET metrica_status = coalesce(?, metrica_status), next_poll_at = ?, last_polled_at = now(),
                   poll_count = poll_count + 1, last_error_type = ?, last_error_message = ?
             WHERE id = ? AND status = 'uploaded'""";
    private static final String STALE = """
            UPDATE webhook_batches
               SET status = 'stale', finished_at = now(), next_poll_at = NULL, last_polled_at = now(),
                   poll_count = poll_count + 1, last_error_type = 'stale',
                   last_error_message = 'Metrica had not finished processing the upload within the maximum age'
             WHERE id = ? AND status = 'uploaded'""";

    private final DataSource dataSource;
    private final MetricaRequests requests;
    private final PollSchedule schedule;
    private final Clock clock;
    private final MeterRegistry meters;

    public StatusPolls(DataSource dataSource, MetricaRequests requests, PollSchedule schedule, Clock clock,
                       MeterRegistry meters) {
        this.dataSource = dataSource;
        this.requests = requests;
        this.schedule = schedule;
        this.clock = clock;
        this.meters = meters;
    }

    /** The body is one row of sql/uploads-to-poll.sql. */
    public void prepare(Exchange exchange) {
        @SuppressWarnings("unchecked")
        Map<String, Object> batch = exchange.getMessage().getBody(Map.class);
        exchange.setProperty(BATCH_PROPERTY, batch);
        Correlation.enter(exchange, (String) batch.get("upload_comment"));
        requests.status(exchange, ((Number) batch.get("counter_id")).longValue(),
                ((Number) batch.get("metrica_upload_id")).longValue());
    }

    public void record(Exchange exchange, @ExchangeProperty(BATCH_PROPERTY) Map<String, Object> batch)
            throws IOException, SQLException {
        MetricaUploading uploading = MetricaUploading.fromAnswer(exchange.getMessage().getBody(String.class));
        long id = ((Number) batch.get("id")).longValue();
        String finalStatus = FINAL.get(uploading.status());
        if (finalStatus != null) {
            update(FINISHED, finalStatus, uploading.status(), uploading.lineQuantity(), uploading.linkedQuantity(),
                    uploading.userNotFoundQuantity(), uploading.goalNotFoundQuantity(), id);
            Counter.builder("gateway.batches.finished").description("Batches Metrica finished processing")
                    .tag("status", finalStatus).register(meters).increment();
            LOG.info("Batch {}: Metrica finished with {} ({} linked, {} user not found, {} goal not found)", id,
                    uploading.status(), uploading.linkedQuantity(), uploading.userNotFoundQuantity(),
                    uploading.goalNotFoundQuantity());
            return;
        }
        if (!KNOWN.contains(uploading.status())) {
            LOG.warn("Batch {}: Metrica reports an unknown status {}; treated as not final", id, uploading.status());
        }
        notFinal(batch, uploading.status(), null, null);
    }

    /** The poll itself failed: try again on schedule; never fail the batch for it (the upload is at Metrica). */
    public void failed(Exchange exchange, @ExchangeProperty(BATCH_PROPERTY) Map<String, Object> batch)
            throws SQLException {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        MetricaError error = MetricaError.classify(failure);
        LOG.warn("Batch {}: status poll failed ({}); next poll on schedule", batch.get("id"), error.errorType());
        notFinal(batch, null, error.errorType(), error.message());
    }

    private void notFinal(Map<String, Object> batch, String metricaStatus, String errorType, String errorMessage)
            throws SQLException {
        long id = ((Number) batch.get("id")).longValue();
        Instant now = clock.instant();
        Instant uploadedAt = ((Timestamp) batch.get("uploaded_at")).toInstant();
        if (schedule.isStale(uploadedAt, now)) {
            update(STALE, id);
            LOG.warn("Batch {} is stale: not processed {} after its upload", id, schedule.maxAge());
            return;
        }
        int polls = ((Number) batch.get("poll_count")).intValue() + 1;
        update(PENDING, metricaStatus, Timestamp.from(now.plus(schedule.after(polls))), errorType, errorMessage, id);
    }

    private void update(String sql, Object... parameters) throws SQLException {
        Jdbc.update(dataSource, sql, parameters);
    }
}
