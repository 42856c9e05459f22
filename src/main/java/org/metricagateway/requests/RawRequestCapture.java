package org.metricagateway.requests;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.metricagateway.adapters.AdapterCatalog;
import org.metricagateway.adapters.FormBody;
import org.metricagateway.ingest.WebhookAuthenticator;
import org.metricagateway.web.Json;
import org.metricagateway.web.JsonBodies;
import org.metricagateway.webhooks.Webhook;

/**
 * Ingest step after authentication: keeps the body as it will be stored with the request's conversions
 * ({@link RawRequest}, exchange property {@value RawRequest#PROPERTY}). Fields whose name (the innermost key of a
 * form name) is one of {@code requests.stripped-fields} are removed: a form is re-encoded without them, a JSON
 * body re-written without them. A canonical JSON body is kept as received: it is only accepted when every field
 * is a known conversion field, so it cannot carry one. The query string is never kept.
 */
public final class RawRequestCapture {
    public static final String CORRELATION_ID_PROPERTY = "correlationId";
    private static final String CONTENT_LENGTH = "Content-Length";

    private final int maxBodyBytes;
    private final Set<String> strippedFields;

    public RawRequestCapture(int maxBodyBytes, Set<String> strippedFields) {
        this.maxBodyBytes = maxBodyBytes;
        this.strippedFields = strippedFields;
    }

    public void capture(Exchange exchange) {
        Webhook webhook = exchange.getProperty(WebhookAuthenticator.WEBHOOK_PROPERTY, Webhook.class);
        String mediaType = JsonBodies.mediaType(exchange);
        String kept;
        byte[] keptBytes;
        int size;
        if (mediaType.equals(FormBody.MEDIA_TYPE)) {
            kept = form(exchange);
            keptBytes = kept.getBytes(StandardCharsets.UTF_8);
            size = exchange.getMessage().getHeader(CONTENT_LENGTH, kept.length(), Integer.class);
        } else {
            byte[] body = exchange.getMessage().getBody(byte[].class);
            if (body == null) {
                body = new byte[0];
            }
            // Read once, kept as bytes: the adapter reads the same body again.
            exchange.getMessage().setBody(body);
            String received = new String(body, StandardCharsets.UTF_8);
            kept = !AdapterCatalog.CANONICAL.equals(webhook.format()) && mediaType.equals(JsonBodies.JSON)
                    ? strippedJson(received) : received;
            keptBytes = kept == received ? body : kept.getBytes(StandardCharsets.UTF_8);
            size = body.length;
        }
        boolean truncated = keptBytes.length > maxBodyBytes;
        exchange.setProperty(RawRequest.PROPERTY, new RawRequest(
                exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class),
                truncated ? prefix(keptBytes, maxBodyBytes) : kept,
                size, truncated,
                exchange.getProperty(CORRELATION_ID_PROPERTY, String.class)));
    }

    /**
     * The form re-encoded without its secret fields. platform-http also copies every form field into a message
     * header: the secret ones are removed there too, so that nothing downstream can log them.
     */
    private String form(Exchange exchange) {
        FormBody form;
        try {
            form = FormBody.of(exchange);
        } catch (RuntimeException malformed) {
            // Refused by the adapter a moment later (400): never stored.
            return "";
        }
        form.pairs().stream().filter(this::isSecret).forEach(p -> exchange.getMessage().removeHeader(p.name()));
        return form.encodeWithout(this::isSecret);
    }

    private String strippedJson(String body) {
        try {
            JsonNode tree = Json.MAPPER.readTree(body);
            return tree != null && strip(tree) ? Json.MAPPER.writeValueAsString(tree) : body;
        } catch (IOException malformed) {
            // Refused by the adapter a moment later (400): never stored.
            return "";
        }
    }

    private boolean isSecret(FormBody.Pair pair) {
        return strippedFields.contains(pair.lastKey().toLowerCase(Locale.ROOT));
    }

    /** Removes secret fields at any depth; true when something was removed. */
    private boolean strip(JsonNode node) {
        boolean changed = false;
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (strippedFields.contains(field.getKey().toLowerCase(Locale.ROOT))) {
                    it.remove();
                    changed = true;
                } else {
                    changed |= strip(field.getValue());
                }
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                changed |= strip(element);
            }
        }
        return changed;
    }

    /** The longest prefix of whole characters within the limit. */
    private static String prefix(byte[] utf8, int limit) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        CharBuffer out = CharBuffer.allocate(limit);
        decoder.decode(ByteBuffer.wrap(utf8, 0, limit), out, false);
        return out.flip().toString();
    }
}
