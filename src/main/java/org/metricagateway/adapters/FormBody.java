package org.metricagateway.adapters;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.vertx.HttpMessage;
import org.metricagateway.web.ApiException;

/**
 * An {@code application/x-www-form-urlencoded} body as its list of name/value pairs, in order, UTF-8 decoded
 * ({@code +} is a space). Names keep their PHP-style brackets ({@code leads[status][0][id]});
 * {@link PhpFormDecoder} turns them into nested structures.
 */
public record FormBody(List<Pair> pairs) {
    /** Without values: toString() output can reach logs, and forms carry secrets and customer data. */
    @Override
    public String toString() {
        return "FormBody[" + pairs.size() + " fields]";
    }

    public static final String MEDIA_TYPE = "application/x-www-form-urlencoded";
    private static final String PROPERTY = "formBody";

    public record Pair(String name, String value) {
        @Override
        public String toString() {
            return "Pair[" + name + "]";
        }

        /** The innermost key of a bracketed name: {@code auth[application_token]} → {@code application_token}. */
        public String lastKey() {
            int open = name.lastIndexOf('[');
            if (open >= 0 && name.endsWith("]")) {
                return name.substring(open + 1, name.length() - 1);
            }
            return name;
        }
    }

    /**
     * The form of an HTTP request. platform-http hands form bodies over only as Vert.x's decoded form attributes
     * (in order, names and values decoded as UTF-8) on its own message, never as bytes, and a step that copies the
     * message loses them: the form is therefore read once, by the first step that asks, and kept on the exchange.
     * Anything that is not an HTTP form is parsed from the body text.
     */
    public static FormBody of(Exchange exchange) {
        FormBody kept = exchange.getProperty(PROPERTY, FormBody.class);
        if (kept != null) {
            return kept;
        }
        FormBody form;
        if (exchange.getMessage() instanceof HttpMessage http && http.getRequest() != null
                && !http.getRequest().formAttributes().isEmpty()) {
            List<Pair> pairs = new ArrayList<>();
            http.getRequest().formAttributes().forEach(e -> pairs.add(new Pair(e.getKey(), e.getValue())));
            form = new FormBody(pairs);
        } else {
            byte[] body = exchange.getMessage().getBody(byte[].class);
            form = parse(body == null ? "" : new String(body, StandardCharsets.UTF_8));
        }
        exchange.setProperty(PROPERTY, form);
        return form;
    }

    public static FormBody parse(String body) {
        List<Pair> pairs = new ArrayList<>();
        if (body == null || body.isEmpty()) {
            return new FormBody(pairs);
        }
        for (String part : body.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int equals = part.indexOf('=');
            String name = equals < 0 ? part : part.substring(0, equals);
            String value = equals < 0 ? "" : part.substring(equals + 1);
            pairs.add(new Pair(decode(name), decode(value)));
        }
        return new FormBody(pairs);
    }

    /** The value of the first pair with this exact name. */
    public java.util.Optional<String> value(String name) {
        return pairs.stream().filter(p -> p.name().equals(name)).map(Pair::value).findFirst();
    }

    /** The form re-encoded, without the pairs that match (secrets to be kept out of storage). */
    public String encodeWithout(Predicate<Pair> drop) {
        StringBuilder out = new StringBuilder();
        for (Pair pair : pairs) {
            if (drop.test(pair)) {
                continue;
            }
            if (!out.isEmpty()) {
                out.append('&');
            }
            out.append(URLEncoder.encode(pair.name(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(pair.value(), StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "malformed_form", "The body is not valid application/x-www-form-urlencoded");
        }
    }
}
