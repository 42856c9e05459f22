package org.metricagateway.admin;

import java.io.IOException;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import org.apache.camel.Exchange;
import org.metricagateway.web.ApiException;
import org.metricagateway.web.Json;

/**
 * Reads an admin request body into its model: 415 unless the Content-Type is JSON, 400 {@code malformed_json} when
 * the body is empty or not JSON, 422 {@code invalid_body} when it is not a JSON object, and 422
 * {@code validation_failed} (through the error responder) when a field has the wrong JSON type. Field rules are
 * left to the bean validator that follows.
 */
public final class JsonBodyReader<T> {
    private final ObjectReader reader;

    public JsonBodyReader(Class<T> type) {
        this.reader = Json.MAPPER.readerFor(type);
    }

    public T read(Exchange exchange) throws IOException {
        requireJson(exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class));
        byte[] body = exchange.getMessage().getBody(byte[].class);
        JsonNode root = body == null ? null : Json.MAPPER.readTree(body);
        if (root == null || root.isMissingNode()) {
            throw new ApiException(400, "malformed_json", "The body is empty");
        }
        if (!root.isObject()) {
            throw new ApiException(422, "invalid_body", "The body must be a JSON object");
        }
        return reader.readValue(root);
    }

    private static void requireJson(String contentType) {
        String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/json")) {
            throw new ApiException(415, "unsupported_media_type", "Content-Type must be application/json");
        }
    }
}
