package org.metricagateway.ingest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import org.apache.camel.Exchange;
import org.metricagateway.adapters.AdapterCatalog;
import org.metricagateway.web.ApiException;
import org.metricagateway.web.Json;
import org.metricagateway.webhooks.Webhook;

/**
 * Reads what the webhook's adapter route produced into a {@link ConversionBatch}, the same way for every format.
 * Canonical JSON (the identity adapter) is one conversion object, a JSON array of them, or
 * {@code {"conversions": [...]}}, with at least one conversion. Another adapter produces an array, or
 * {@code {"conversions": [...], "ignored": n}}, possibly empty (every event ignored). Checks the number of
 * conversions, and fills a missing target from the webhook's default_target. Field rules are left to the bean
 * validator that follows.
 */
public final class IngestRequestReader {
    private static final ObjectReader CONVERSION = Json.MAPPER.readerFor(ConversionInput.class);

    private final int maxConversions;

    public IngestRequestReader(int maxConversions) {
        this.maxConversions = maxConversions;
    }

    public ConversionBatch read(Exchange exchange) throws IOException {
        Webhook webhook = exchange.getProperty(WebhookAuthenticator.WEBHOOK_PROPERTY, Webhook.class);
        Object body = exchange.getMessage().getBody();
        JsonNode output = body instanceof JsonNode node ? node : Json.MAPPER.valueToTree(body);
        boolean canonical = AdapterCatalog.CANONICAL.equals(webhook.format());
        JsonNode items = canonical ? canonicalList(output) : adapterList(output, webhook.format());
        if (items.isEmpty() && canonical) {
            throw new ApiException(422, "no_conversions", "The request holds no conversions");
        }
        if (items.size() > maxConversions) {
            throw new ApiException(422, "too_many_conversions",
                    "At most " + maxConversions + " conversions per request, got " + items.size());
        }
        List<ConversionInput> conversions = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            conversions.add(conversion(items.get(i), i, webhook.defaultTarget()));
        }
        return new ConversionBatch(conversions, canonical ? null : ignored(output, webhook.format()));
    }

    private static JsonNode canonicalList(JsonNode root) {
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

    /** An adapter's output that is not a list is a bug of that adapter's route, not of the sender: 500. */
    private static JsonNode adapterList(JsonNode output, String format) {
        JsonNode list = output.isObject() ? output.path("conversions") : output;
        if (!list.isArray()) {
            throw new IllegalStateException("The " + format + " adapter produced neither an array nor"
                    + " {\"conversions\": [...]}");
        }
        return list;
    }

    private static int ignored(JsonNode output, String format) {
        JsonNode ignored = output.path("ignored");
        if (ignored.isMissingNode() || ignored.isNull()) {
            return 0;
        }
        if (!ignored.canConvertToInt() || !ignored.isIntegralNumber() || ignored.asInt() < 0) {
            throw new IllegalStateException("The " + format + " adapter produced an \"ignored\" that is not a"
                    + " whole number");
        }
        return ignored.asInt();
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
