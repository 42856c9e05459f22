package org.metricagateway.admin;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import org.apache.camel.Exchange;
import org.metricagateway.web.ApiException;
import org.metricagateway.web.Json;
import org.metricagateway.web.JsonBodies;

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
        JsonNode root = JsonBodies.read(exchange);
        if (!root.isObject()) {
            throw new ApiException(422, "invalid_body", "The body must be a JSON object");
        }
        return reader.readValue(root);
    }
}
