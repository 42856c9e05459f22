package org.metricagateway.bitrix24;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A claimed fetch, as the claim statement returns it (sql/bitrix24-claim-fetches.sql): which deal, for which
 * webhook and stored request, and which attempt this is (later writes apply only while it is still the latest: a
 * replica whose lease ran out cannot overwrite what the next one recorded).
 */
public record DealFetch(long id, UUID webhookId, long requestId, long dealId, int attempt, Instant retriesSince,
                        Instant eventAt, Instant createdAt) {

    public static DealFetch fromRow(Map<String, Object> row) {
        return new DealFetch(
                ((Number) row.get("id")).longValue(),
                (UUID) row.get("webhook_id"),
                ((Number) row.get("request_id")).longValue(),
                ((Number) row.get("deal_id")).longValue(),
                ((Number) row.get("attempts")).intValue(),
                ((Timestamp) row.get("retries_since")).toInstant(),
                row.get("event_at") == null ? null : ((Timestamp) row.get("event_at")).toInstant(),
                ((Timestamp) row.get("created_at")).toInstant());
    }

    /** The event's own time, else when it was received: the conversion's time when the deal gives none. */
    public Instant eventTime() {
        return eventAt != null ? eventAt : createdAt;
    }

    @Override
    public String toString() {
        return "DealFetch[" + id + ", deal " + dealId + ", attempt " + attempt + "]";
    }
}
