package org.metricagateway.bitrix24;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.apache.camel.Exchange;
import org.apache.camel.component.bean.validator.BeanValidationException;
import org.metricagateway.adapters.CrmConversions;
import org.metricagateway.batching.ConversionGroup;
import org.metricagateway.database.Jdbc;
import org.metricagateway.ingest.IngestResult;
import org.metricagateway.ingest.WebhookAuthenticator;
import org.metricagateway.requests.RawRequest;
import org.metricagateway.retry.ExponentialBackoff;
import org.metricagateway.web.Json;
import org.metricagateway.web.ViolationMapper;
import org.metricagateway.webhooks.Webhook;
import org.metricagateway.webhooks.WebhookDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of routes/adapters/bitrix24-fetches.yaml around the shared ingest path: one claimed fetch becomes a
 * {@code crm.deal.get} request, the deal a CRM event for {@code crmConversions}, and every outcome a state of the
 * fetch (and of its stored request). Failures that can pass (network, 5xx, 429, the database) are tried again
 * with exponential backoff and jitter until {@code bitrix24.fetch-max-attempts} or {@code bitrix24.fetch-max-age-ms};
 * the others fail the fetch at once.
 * <p>
 * Every write is conditional on the fetch still being pending at this attempt: a replica whose lease ran out
 * cannot undo what the replica that took the fetch over recorded.
 */
public final class Bitrix24Fetches {
    public static final String FETCH_PROPERTY = "bitrix24Fetch";
    private static final String STAGE_VARIABLE = "bitrix24Stage";
    private static final String IGNORE_REASON_VARIABLE = "bitrix24IgnoreReason";
    private static final Logger LOG = LoggerFactory.getLogger(Bitrix24Fetches.class);
    private static final String STILL_MINE = " WHERE id = ? AND status = 'pending' AND attempts = ?";

    private final DataSource dataSource;
    private final WebhookDirectory webhooks;
    private final Bitrix24Metrics metrics;
    private final ExponentialBackoff backoff;
    private final int maxAttempts;
    private final Duration maxAge;
    private final Clock clock;

    public Bitrix24Fetches(DataSource dataSource, WebhookDirectory webhooks, Bitrix24Metrics metrics,
                           ExponentialBackoff backoff, int maxAttempts, Duration maxAge, Clock clock) {
        this.dataSource = dataSource;
        this.webhooks = webhooks;
        this.metrics = metrics;
        this.backoff = backoff;
        this.maxAttempts = maxAttempts;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /**
     * Step 1: the claimed row becomes the GET of crm.deal.get (the URL in a header, never in an endpoint URI),
     * with what the shared steps after it need: the webhook, its settings, the stored request to complete.
     */
    public void request(Exchange exchange, Map<String, Object> row) throws Exception {
        DealFetch fetch = DealFetch.fromRow(row);
        exchange.setProperty(FETCH_PROPERTY, fetch);
        Webhook webhook = webhooks.find(fetch.webhookId())
                .orElseThrow(() -> new IllegalStateException("The fetch's webhook is gone"));
        Bitrix24Settings settings = Json.MAPPER.treeToValue(webhook.settings(), Bitrix24Settings.class);
        WebhookAuthenticator.use(exchange, webhook);
        exchange.setProperty(RawRequest.PROPERTY, RawRequest.stored(fetch.requestId()));
        var message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_METHOD, "GET");
        message.setHeader(Exchange.HTTP_URI, settings.dealGetUrl());
        message.setHeader(Exchange.HTTP_QUERY, "id=" + fetch.dealId());
        message.setBody(null);
    }

    /** Step 2: Bitrix24's answer becomes the CRM event of the deal (an answer that is not a deal fails it). */
    public ArrayNode events(Exchange exchange, String answer) throws Exception {
        DealFetch fetch = exchange.getProperty(FETCH_PROPERTY, DealFetch.class);
        JsonNode deal = Json.MAPPER.readTree(answer).path("result");
        ArrayNode events = DealMapping.events(deal, Long.toString(fetch.eventTime().getEpochSecond()));
        String stage = DealMapping.stage(deal);
        exchange.setVariable(STAGE_VARIABLE, stage);
        JsonNode targets = exchange.getVariable(CrmConversions.SETTINGS_VARIABLE, JsonNode.class)
                .path("status_targets");
        exchange.setVariable(IGNORE_REASON_VARIABLE, targets.has(stage)
                ? "The deal is in a converted stage, but none of its identifier fields is filled"
                : null);
        return events;
    }

    /**
     * Step 3: the deal's conversion is committed with the request (or the deal was ignored: its stage maps to no
     * goal, or it has no identifier). Gives the new conversions for batching.
     */
    public List<ConversionGroup> stored(Exchange exchange, IngestResult result) throws SQLException {
        DealFetch fetch = exchange.getProperty(FETCH_PROPERTY, DealFetch.class);
        String stage = exchange.getVariable(STAGE_VARIABLE, String.class);
        if (result.ids().isEmpty()) {
            String reason = exchange.getVariable(IGNORE_REASON_VARIABLE, String.class);
            finish(fetch, "ignored", stage, null, reason == null ? null : "no_identifier", reason);
            metrics.outcome("ignored");
        } else {
            finish(fetch, "done", stage, result.ids().get(0), null, null);
            metrics.outcome(result.accepted() > 0 ? "converted" : "duplicate");
        }
        return result.newConversions();
    }

    /** The fetched deal broke a conversion rule (a bad price, a malformed ClientId...): failed, with every reason. */
    public void invalid(Exchange exchange) throws SQLException {
        DealFetch fetch = exchange.getProperty(FETCH_PROPERTY, DealFetch.class);
        BeanValidationException invalid = exchange.getProperty(Exchange.EXCEPTION_CAUGHT,
                BeanValidationException.class);
        String reasons = ViolationMapper.fromConstraints(invalid.getConstraintViolations()).stream()
                .map(v -> v.field() + " " + v.message()).collect(Collectors.joining("; "));
        fail(fetch, new FetchError("validation_failed", "The deal is not a valid conversion: " + reasons, false),
                exchange.getVariable(STAGE_VARIABLE, String.class));
    }

    /** Any other failure: tried again later if it can pass and the bounds allow, else failed. */
    public void failed(Exchange exchange) throws SQLException {
        DealFetch fetch = exchange.getProperty(FETCH_PROPERTY, DealFetch.class);
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        FetchError error = FetchError.classify(failure);
        if (fetch == null) {
            LOG.error("A claimed Bitrix24 fetch could not be read: {}", error.message());
            return;
        }
        if ("internal".equals(error.type())) {
            // Without the exception's text or stack: either could carry the REST URL and its token.
            LOG.error("Bitrix24 fetch {}: unexpected failure ({})", fetch.id(), error.message());
        }
        Instant now = clock.instant();
        boolean withinBounds = fetch.attempt() < maxAttempts
                && Duration.between(fetch.retriesSince(), now).compareTo(maxAge) < 0;
        if (!error.retryable() || !withinBounds) {
            fail(fetch, error.retryable() ? new FetchError("gave_up", error.message() + " (" + error.type()
                    + ", after " + fetch.attempt() + " attempts)", false) : error,
                    exchange.getVariable(STAGE_VARIABLE, String.class));
            return;
        }
        long delay = backoff.delayMillis(fetch.attempt());
        Jdbc.update(dataSource, "UPDATE bitrix24_fetches SET next_attempt_at = ?, last_error_type = ?,"
                        + " last_error_message = ?" + STILL_MINE,
                Timestamp.from(now.plusMillis(delay)), error.type(), error.message(), fetch.id(), fetch.attempt());
        metrics.outcome("retried");
        LOG.warn("Bitrix24 fetch {} (deal {}): attempt {} failed ({}); retrying in {} ms", fetch.id(),
                fetch.dealId(), fetch.attempt(), error.type(), delay);
    }

    /** Failed, and its request with it, in one statement. */
    private void fail(DealFetch fetch, FetchError error, String stage) throws SQLException {
        Jdbc.update(dataSource, """
                        WITH failed_fetch AS (
                            UPDATE bitrix24_fetches SET status = 'failed', finished_at = now(),
                                   stage_id = COALESCE(?, stage_id), last_error_type = ?, last_error_message = ?
                            """ + STILL_MINE + """
                            RETURNING request_id)
                        UPDATE webhook_requests SET state = 'failed'
                         WHERE id = (SELECT request_id FROM failed_fetch) AND state = 'pending'""",
                stage, error.type(), error.message(), fetch.id(), fetch.attempt());
        metrics.outcome("failed");
        LOG.error("Bitrix24 fetch {} (deal {}, webhook {}) failed: {} ({})", fetch.id(), fetch.dealId(),
                fetch.webhookId(), error.type(), error.message());
    }

    private void finish(DealFetch fetch, String status, String stage, Long conversionId, String reasonType,
                        String reason) throws SQLException {
        Jdbc.update(dataSource, "UPDATE bitrix24_fetches SET status = ?, finished_at = now(), stage_id = ?,"
                        + " conversion_id = ?, last_error_type = ?, last_error_message = ?" + STILL_MINE,
                status, stage, conversionId, reasonType, reason, fetch.id(), fetch.attempt());
    }
}
