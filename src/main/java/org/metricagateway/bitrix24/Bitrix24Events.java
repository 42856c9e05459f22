package org.metricagateway.bitrix24;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;
import org.metricagateway.web.Json;
import org.metricagateway.ingest.WebhookAuthenticator;
import org.metricagateway.requests.RawRequest;
import org.metricagateway.web.ApiException;
import org.metricagateway.web.Violation;
import org.metricagateway.webhooks.Webhook;

/**
 * The accepting half of the Bitrix24 adapter (routes/adapters/bitrix24.yaml): a deal event names only the deal,
 * so the request is stored {@code pending} together with a fetch of that deal, in one statement (one
 * transaction), before Bitrix24 gets its answer. The fetch schedule (routes/adapters/bitrix24-fetches.yaml) does
 * the rest. A portal that is down, or a crash, delays the conversion; the event is never lost.
 */
public final class Bitrix24Events {
    /** The field of the event that names the deal, as Bitrix24 posts it. */
    static final String DEAL_ID_FIELD = "data[FIELDS][ID]";
    private static final Pattern DEAL_ID = Pattern.compile("[1-9][0-9]{0,17}");
    private static final Pattern UNIX_SECONDS = Pattern.compile("[0-9]{1,11}");

    private static final String STORE = """
            WITH request AS (
                INSERT INTO webhook_requests (webhook_id, state, content_type, body, body_size, body_truncated,
                                              correlation_id)
                VALUES (?::uuid, 'pending', ?, ?, ?, ?, ?)
                RETURNING id)
            INSERT INTO bitrix24_fetches (webhook_id, request_id, deal_id, event, event_at)
            SELECT ?::uuid, request.id, ?, ?, ? FROM request
            RETURNING request_id""";

    private final DataSource dataSource;

    public Bitrix24Events(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The answer: no conversion yet, one deal to fetch. Same fields as every adapter's answer, plus pending. */
    public record PendingAnswer(int accepted, int duplicates, List<Long> ids, int ignored, int pending) {
    }

    /**
     * Route step, for ONCRMDEALADD and ONCRMDEALUPDATE: 422 when the event names no deal; else the request and
     * its fetch are committed and the answer is returned.
     *
     * @param event {@code {"event", "deal_id", "ts"}}, what the route's jq took from the form
     */
    public PendingAnswer storePending(JsonNode event, Exchange exchange) throws SQLException {
        long dealId = dealId(event);
        String ts = Json.text(event.get("ts"));
        Instant eventAt = ts != null && UNIX_SECONDS.matcher(ts).matches() ? Instant.ofEpochSecond(Long.parseLong(ts))
                : null;
        Webhook webhook = exchange.getProperty(WebhookAuthenticator.WEBHOOK_PROPERTY, Webhook.class);
        RawRequest request = exchange.getProperty(RawRequest.PROPERTY, RawRequest.class);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement store = connection.prepareStatement(STORE)) {
            int p = 1;
            store.setString(p++, webhook.id().toString());
            store.setString(p++, request.contentType());
            store.setString(p++, request.body());
            store.setInt(p++, request.bodySize());
            store.setBoolean(p++, request.truncated());
            store.setString(p++, request.correlationId());
            store.setString(p++, webhook.id().toString());
            store.setLong(p++, dealId);
            store.setString(p++, Json.text(event.get("event")));
            store.setTimestamp(p, eventAt == null ? null : Timestamp.from(eventAt));
            try (ResultSet rs = store.executeQuery()) {
                rs.next();
            }
        }
        return new PendingAnswer(0, 0, List.of(), 0, 1);
    }

    /** Route step of a preview: 422 naming data[FIELDS][ID] when the event names no deal. */
    public void checkDeal(JsonNode event) {
        dealId(event);
    }

    /** The deal the event names; 422 naming data[FIELDS][ID] when it names none. */
    private static long dealId(JsonNode event) {
        String dealId = Json.text(event.get("deal_id"));
        if (dealId == null || !DEAL_ID.matcher(dealId).matches()) {
            throw ApiException.validation(List.of(new Violation(null, DEAL_ID_FIELD,
                    "is required: the id of the deal (a positive whole number)")));
        }
        return Long.parseLong(dealId);
    }
}
