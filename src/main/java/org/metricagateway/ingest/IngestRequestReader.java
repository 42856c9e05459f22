package org.metricagateway.ingest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import org.apache.camel.Exchange;
import org.metricagateway.web.ApiException;
import org.metricagateway.web.Json;
import org.metricagateway.web.JsonBodies;
import org.metricagateway.webhooks.Webhook;

/**
 * Reads an authenticated ingest body into a {@link ConversionBatch}: one conversion object, a JSON array of them,
 * or {@code {"conversions": [...]}}. Checks the content type and the number of conversions, and fills a missing
 * target from the webhook's default_target. Field rules are left to the bean validator that follows.
 */
public final class IngestRequestReader {
    private static final ObjectReader CONVERSION = Json.MAPPER.readerFor(ConversionInput.class);

    private final int maxConversions;

    public IngestRequestReader(int maxConversions) {
        this.maxConversions = maxConversions;
    }

    public ConversionBatch read(Exchange exchange) throws IOException {
        JsonNode items = listOf(JsonBodies.read(exchange));
        if (items.isEmpty()) {
            throw new ApiException(422, "no_conversions", "The request holds no conversions");
        }
        if (items.size() > maxConversions) {
            throw new ApiException(422, "too_many_conversions",
                    "At most " + maxConversions + " conversions per request, got " + items.size());
        }
        Webhook webhook = exchange.getProperty(WebhookAuthenticator.WEBHOOK_PROPERTY, Webhook.class);
        List<ConversionInput> conversions = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            conversions.add(conversion(items.get(i), i, webhook.defaultTarget()));
        }
        return new ConversionBatch(conversions);
    }

    private static JsonNode listOf(JsonNode root) {
        if (root.isArray()) {
            return root;
        }
        if (root.isObject() && root.size() == 1 && root.has("conversions")) {
            JsonNode list = root.get("conversions");
            if (!list.isArray()) {
                throw new ApiException(422, "invalid_body", "\"conversions\" must be an array");
            }
            return list;
        }
        if (root.isObject()) {
            return Json.MAPPER.createArrayNode().add(root);
        }
        throw new ApiException(422, "invalid_body",
                "The body must be a conversion object, an array of them, or {\"conversions\": [...]}");
    }

    private static ConversionInput conversion(JsonNode node, int index, String defaultTarget) throws IOException {
        if (!node.isObject()) {
            throw new ApiException(422, "invalid_body", "Conversion " + index + " is not a JSON object");
        }
        ConversionInput conversion;
        try {
            conversion = CONVERSION.readValue(node);
        } catch (JsonMappingException e) {
            e.prependPath(new Object(), index);
            throw e;
        }
        if (conversion.getTarget() == null) {
            conversion.setTarget(defaultTarget);
        }
        return conversion;
    }
}
