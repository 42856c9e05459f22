package org.metricagateway.bitrix24;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.metricagateway.retry.Causes;
import org.metricagateway.web.ApiException;
import org.metricagateway.web.Json;

/**
 * Why a deal fetch failed, and whether trying again later can help. Messages are our own: exception texts would
 * carry the REST URL, and with it Bitrix24's access token.
 *
 * @param type      stable code, stored as {@code last_error_type} and documented in docs/adapters.md
 * @param retryable network errors, timeouts, 5xx, 429 and an unavailable database; never a 4xx or a bad deal
 */
public record FetchError(String type, String message, boolean retryable) {
    /** Bitrix24's error codes are identifiers; anything else in the body is not repeated. */
    private static final Pattern ERROR_CODE = Pattern.compile("[A-Za-z0-9_]{1,64}");

    public static FetchError classify(Throwable failure) {
        HttpOperationFailedException http = Causes.find(failure, HttpOperationFailedException.class);
        if (http != null) {
            return fromHttp(http.getStatusCode(), http.getResponseBody());
        }
        if (Causes.find(failure, DealMapping.InvalidDeal.class) != null
                || Causes.find(failure, JsonProcessingException.class) != null) {
            return new FetchError("invalid_deal", "Bitrix24 answered 200, but not with a deal", false);
        }
        ApiException api = Causes.find(failure, ApiException.class);
        if (Causes.find(failure, SQLException.class) != null || (api != null && api.status() == 503)) {
            return new FetchError("database", "The deal could not be stored: the database is unavailable", true);
        }
        if (Causes.find(failure, ConnectException.class) != null) {
            return new FetchError("connection_refused", "Bitrix24 could not be reached", true);
        }
        if (Causes.find(failure, SocketTimeoutException.class) != null) {
            return new FetchError("timeout", "Bitrix24 did not answer in time", true);
        }
        if (Causes.find(failure, IOException.class) != null) {
            return new FetchError("network", "The connection to Bitrix24 failed: "
                    + Causes.find(failure, IOException.class).getClass().getSimpleName(), true);
        }
        return new FetchError("internal", "Unexpected failure: " + Causes.root(failure).getClass().getSimpleName(),
                true);
    }

    /**
     * Bitrix24 answers a deal that does not exist (or that the REST webhook's user may not see) with 400
     * {@code "error_description": "Not found"}, a bad or revoked REST webhook with 401, a missing crm scope with
     * 403, and its request-rate limit (QUERY_LIMIT_EXCEEDED) with 503.
     */
    static FetchError fromHttp(int status, String body) {
        String code = bitrix24Code(body);
        if (status == 429 || status >= 500) {
            return new FetchError(status == 429 || "QUERY_LIMIT_EXCEEDED".equals(code) ? "rate_limited"
                    : "http_" + status, "Bitrix24 answered " + status + suffix(code), true);
        }
        if (status == 400 && "Not found".equalsIgnoreCase(description(body))) {
            return new FetchError("deal_not_found", "Bitrix24 has no such deal (or the REST webhook's user may not"
                    + " see it)", false);
        }
        if (status == 401 || status == 403) {
            return new FetchError("access_denied", "Bitrix24 refused the REST webhook (" + status + suffix(code)
                    + "): check rest_url and its crm scope", false);
        }
        return new FetchError("http_" + status, "Bitrix24 answered " + status + suffix(code), false);
    }

    private static String suffix(String code) {
        return code == null ? "" : " " + code;
    }

    private static String bitrix24Code(String body) {
        String code = field(body, "error");
        return code != null && ERROR_CODE.matcher(code).matches() ? code : null;
    }

    private static String description(String body) {
        return field(body, "error_description");
    }

    private static String field(String body, String name) {
        try {
            JsonNode node = Json.MAPPER.readTree(body == null ? "" : body);
            return node != null && node.hasNonNull(name) ? node.get(name).asText() : null;
        } catch (IOException | RuntimeException notJson) {
            return null;
        }
    }
}
