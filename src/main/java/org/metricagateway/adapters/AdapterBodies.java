package org.metricagateway.adapters;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;
import org.metricagateway.web.ApiException;
import org.metricagateway.web.JsonBodies;

/**
 * The first step of an adapter route: the request body as a JSON tree. {@link #json} takes JSON only (415
 * otherwise, 400 when malformed); {@link #form} takes a PHP-style form (what amoCRM and Bitrix24 send) or JSON;
 * both leave the tree in the body for the route's jq.
 */
public final class AdapterBodies {
    public JsonNode json(Exchange exchange) throws IOException {
        return JsonBodies.read(exchange);
    }

    public JsonNode form(Exchange exchange) throws IOException {
        String mediaType = JsonBodies.mediaType(exchange);
        if (mediaType.equals(JsonBodies.JSON)) {
            return JsonBodies.read(exchange);
        }
        if (!mediaType.equals(FormBody.MEDIA_TYPE)) {
            throw new ApiException(415, "unsupported_media_type",
                    "Content-Type must be " + FormBody.MEDIA_TYPE + " or " + JsonBodies.JSON);
        }
        return PhpFormDecoder.decode(FormBody.of(exchange));
    }
}
