package org.metricagateway.admin;

import org.apache.camel.Exchange;
import org.metricagateway.web.ApiException;
import org.metricagateway.webhooks.WebhookSecrets;

/** First step of every /api route: {@code Authorization: Bearer <admin token>}, compared in constant time. */
public final class AdminAuthenticator {
    private static final String PREFIX = "Bearer ";
    private final byte[] tokenHash;

    public AdminAuthenticator(byte[] tokenHash) {
        this.tokenHash = tokenHash.clone();
    }

    public void authenticate(Exchange exchange) {
        String header = exchange.getMessage().getHeader("Authorization", String.class);
        exchange.getMessage().removeHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
                || !WebhookSecrets.matches(header.substring(PREFIX.length()).trim(), tokenHash)) {
            throw new ApiException(401, "unauthorized", "A valid admin token is required: Authorization: Bearer <token>");
        }
    }
}
