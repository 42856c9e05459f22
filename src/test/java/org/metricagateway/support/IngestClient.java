package org.metricagateway.support;

import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.Map;

/** Sends conversions to a webhook's ingest URL the way a CRM does. */
public final class IngestClient {
    public static final String SECRET_HEADER = "X-Webhook-Secret";

    private IngestClient() {
    }

    public static Http.Response send(String ingestUrl, String secret, Object body) {
        return Http.send(Http.request(ingestUrl)
                .header("Content-Type", "application/json")
                .header(SECRET_HEADER, secret)
                .POST(HttpRequest.BodyPublishers.ofString(Http.json(body))));
    }

    /** A minimal valid conversion that happened now, distinct from others by its client id. */
    public static Map<String, Object> conversion(String clientId) {
        return Map.of("client_id", clientId, "target", "purchase", "date_time", Instant.now().getEpochSecond());
    }
}
