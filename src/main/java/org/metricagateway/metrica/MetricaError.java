package org.metricagateway.metrica;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.metricagateway.retry.Causes;
import org.metricagateway.web.Json;

/**
 * What went wrong with a request to Metrica, classified for the retry decision: Metrica's HTTP status and
 * error_type (from its JSON envelope, section 6.1), or a transport failure. Messages are Metrica's, which contain
 * no secrets; nothing of the request is included.
 */
public record MetricaError(int httpStatus, String errorType, String message, Kind kind) {

    public enum Kind {
        /** 400, 401, 403, 404 and other 4xx: sending it again cannot succeed. */
        PERMANENT,
        /** 401/403: the token is wrong for this counter; every later upload would fail the same way. */
        TOKEN,
        /** 429/420 of a per-second or parallel quota: retry in seconds. */
        SHORT_QUOTA,
        /** 429/420 of a daily quota, or our own daily budget spent: wait for 00:00 UTC. */
        DAILY_QUOTA,
        /** 5xx, timeouts, connection lost after sending: the request may have reached Metrica. */
        AMBIGUOUS,
        /** Not sent at all (connection refused, no free slot): safe to retry. */
        NOT_SENT
    }

    public static MetricaError classify(Throwable failure) {
        Throwable cause = Causes.root(failure);
        MetricaUnavailable u = Causes.find(failure, MetricaUnavailable.class);
        if (u != null) {
            return new MetricaError(0, u.dailyBudgetSpent() ? "daily_budget_spent" : "busy", u.getMessage(),
                    u.dailyBudgetSpent() ? Kind.DAILY_QUOTA : Kind.NOT_SENT);
        }
        HttpOperationFailedException http = Causes.find(failure, HttpOperationFailedException.class);
        if (http != null) {
            return fromHttp(http.getStatusCode(), http.getResponseBody());
        }
        if (Causes.find(failure, ConnectException.class) != null) {
            return new MetricaError(0, "connection_refused", "Metrica could not be reached", Kind.NOT_SENT);
        }
        if (Causes.find(failure, SocketTimeoutException.class) != null) {
            return new MetricaError(0, "timeout", "Metrica did not answer in time", Kind.AMBIGUOUS);
        }
        if (Causes.find(failure, NoHttpResponseException.class) != null
                || Causes.find(failure, IOException.class) != null) {
            return new MetricaError(0, "network", "The connection to Metrica failed: "
                    + cause.getClass().getSimpleName(), Kind.AMBIGUOUS);
        }
        return new MetricaError(0, "internal", cause.getClass().getSimpleName(), Kind.NOT_SENT);
    }

    static MetricaError fromHttp(int status, String body) {
        String errorType = null;
        String message = null;
        try {
            JsonNode envelope = Json.MAPPER.readTree(body == null ? "" : body);
            JsonNode first = envelope.path("errors").path(0);
            errorType = first.hasNonNull("error_type") ? first.get("error_type").asText() : null;
            message = first.hasNonNull("message") ? first.get("message").asText()
                    : envelope.hasNonNull("message") ? envelope.get("message").asText() : null;
        } catch (IOException | RuntimeException notJson) {
            // Proxies and load balancers answer in HTML: the status alone decides.
        }
        String type = errorType != null ? errorType : "http_" + status;
        String text = message != null ? message : "HTTP " + status;
        Kind kind;
        if (status == 429 || status == 420) {
            kind = type.equals("quota_requests_by_uid") || type.equals("quota_requests_by_counter_id")
                    ? Kind.DAILY_QUOTA : Kind.SHORT_QUOTA;
        } else if (status == 401 || status == 403) {
            kind = Kind.TOKEN;
        } else if (status >= 500) {
            kind = Kind.AMBIGUOUS;
        } else {
            kind = Kind.PERMANENT;
        }
        return new MetricaError(status, type, text, kind);
    }

    /** Metrica answered, and its answer says the file was not stored (or nothing was sent at all). */
    public boolean provesNotStored() {
        return kind == Kind.PERMANENT || kind == Kind.TOKEN || kind == Kind.SHORT_QUOTA || kind == Kind.DAILY_QUOTA
                || (kind == Kind.NOT_SENT && !errorType.equals("internal"));
    }

    public boolean retryable() {
        return kind == Kind.SHORT_QUOTA || kind == Kind.AMBIGUOUS || kind == Kind.NOT_SENT;
    }
}
