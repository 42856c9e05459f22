package org.metricagateway.support;

import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.metricagateway.support.Webhooks.CreatedWebhook;

/** Posting conversions the way a CRM does, and reading what was stored. */
public final class Ingest {
    private Ingest() {
    }

    public static Http.Response post(CreatedWebhook webhook, String json) {
        return post(webhook.ingestUrl(), webhook.secret(), json);
    }

    public static Http.Response post(String ingestUrl, String secret, Object body) {
        return Http.send(Http.request(ingestUrl)
                .header("Content-Type", "application/json")
                .header("X-Webhook-Secret", secret)
                .POST(HttpRequest.BodyPublishers.ofString(body instanceof String json ? json : Http.json(body))));
    }

    public static Http.Response post(CreatedWebhook webhook, Object body) {
        return post(webhook, Http.json(body));
    }

    /** A valid conversion: client_id, target and a recent date_time; callers put or remove fields. */
    public static Map<String, Object> conversion(long clientId) {
        Map<String, Object> conversion = new LinkedHashMap<>();
        conversion.put("client_id", Long.toString(clientId));
        conversion.put("target", "deal_won");
        conversion.put("date_time", Instant.now().minusSeconds(60).getEpochSecond());
        return conversion;
    }

    public static long storedCount(CreatedWebhook webhook) {
        try (Connection c = TestGateway.get().connection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT count(*) FROM webhook_conversions WHERE webhook_id = ?::uuid")) {
            s.setString(1, webhook.id());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
