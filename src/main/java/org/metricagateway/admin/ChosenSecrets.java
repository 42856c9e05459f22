package org.metricagateway.admin;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;
import org.metricagateway.web.ApiException;
import org.metricagateway.web.JsonBodies;
import org.metricagateway.web.Violation;
import org.metricagateway.webhooks.WebhookSecrets;

/**
 * The optional body of {@code POST /api/webhooks/{id}/rotate-secret}: {@code {"secret": "..."}}, a secret chosen
 * elsewhere. Bitrix24 generates its outbound webhook's application token itself and sends it as
 * {@code auth[application_token]}; the gateway can only check it if the webhook's secret is that token. Without a
 * body the gateway generates the secret, as before.
 */
public final class ChosenSecrets {
    public static final int MIN_LENGTH = 16;
    public static final int MAX_LENGTH = 255;
    /** Printable ASCII without spaces: what fits a header, a form field and a query parameter unchanged. */
    private static final Pattern PRINTABLE = Pattern.compile("[\\x21-\\x7E]+");

    /**
     * Route step: sets the variable {@code secretChosen}; when the request has a body, checks it and sets the
     * variables {@code secret} and {@code secretHash} as {@code direct:admin-new-secret} would.
     */
    public void read(Exchange exchange) throws IOException {
        byte[] body = exchange.getMessage().getBody(byte[].class);
        exchange.setVariable("secretChosen", body != null && body.length > 0);
        if (body == null || body.length == 0) {
            return;
        }
        // Read once: the request body may be a stream.
        exchange.getMessage().setBody(body);
        JsonNode root = JsonBodies.read(exchange);
        if (!root.isObject()) {
            throw new ApiException(422, "invalid_body", "The body must be a JSON object");
        }
        List<Violation> violations = new ArrayList<>();
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("secret")) {
                violations.add(new Violation(null, name, "is not a known field"));
            }
        }
        JsonNode secret = root.get("secret");
        if (secret == null || !secret.isTextual() || secret.asText().length() < MIN_LENGTH
                || secret.asText().length() > MAX_LENGTH || !PRINTABLE.matcher(secret.asText()).matches()) {
            // The value is never repeated: it is a secret.
            violations.add(new Violation(null, "secret", "must be " + MIN_LENGTH + " to " + MAX_LENGTH
                    + " printable ASCII characters without spaces (such as Bitrix24's application token)"));
        }
        if (!violations.isEmpty()) {
            throw ApiException.validation(violations);
        }
        exchange.setVariable("secret", secret.asText());
        exchange.setVariable("secretHash", WebhookSecrets.hash(secret.asText()));
    }
}
