package org.metricagateway.web;

import java.util.UUID;
import java.util.regex.Pattern;

import org.apache.camel.Exchange;
import org.metricagateway.logging.Correlation;

/**
 * Gives every HTTP request (ingest and admin API) a correlation id before anything else happens: the caller's
 * {@code X-Request-Id} when it is sane, else a new UUID. The answer carries it back in {@code X-Request-Id}; every
 * log line of the request carries it; the batches that upload the request's conversions list it.
 */
public final class RequestCorrelation {
    public static final String HEADER = "X-Request-Id";
    /**
     * Letters, digits and {@code . _ : -}, up to 128 characters: UUIDs, trace ids and most CRMs' request ids fit;
     * nothing that could forge a log line (quotes, line breaks) or bloat one does. Anything else is replaced.
     */
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    /** Idempotent: a route called from another HTTP route keeps the id it was given. */
    public void begin(Exchange exchange) {
        if (exchange.getProperty(Correlation.PROPERTY) != null) {
            Correlation.resume(exchange);
            return;
        }
        String offered = exchange.getMessage().getHeader(HEADER, String.class);
        Correlation.enter(exchange, offered != null && SANE.matcher(offered).matches()
                ? offered : UUID.randomUUID().toString());
    }
}
