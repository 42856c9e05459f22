package org.metricagateway.web;

import java.io.IOException;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;

/**
 * The first steps of reading any JSON request, the same for ingest and the admin API: 415 unless the Content-Type
 * is application/json (parameters such as charset allowed), 400 {@code malformed_json} when the body is empty or
 * not JSON.
 */
public final class JsonBodies {
    public static final String JSON = "application/json";

    private JsonBodies() {
    }

    /** The request's media type, lower-case, without parameters; empty when there is no Content-Type. */
    public static String mediaType(Exchange exchange) {
        return mediaType(exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class));
    }

    /** A Content-Type's media type, lower case, without parameters ("" when there is none). */
    public static String mediaType(String contentType) {
        return contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    }

    public static JsonNode read(Exchange exchange) throws IOException {
        if (!mediaType(exchange).equals(JSON)) {
            throw new ApiException(415, "unsupported_media_type", "Content-Type must be application/json");
        }
        byte[] body = exchange.getMessage().getBody(byte[].class);
        JsonNode root = body == null || body.length == 0 ? null : Json.MAPPER.readTree(body);
        if (root == null || root.isMissingNode()) {
            throw new ApiException(400, "malformed_json", "The body is empty");
        }
        return root;
    }
}
