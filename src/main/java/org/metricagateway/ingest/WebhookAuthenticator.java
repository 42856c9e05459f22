package org.metricagateway.ingest;

import java.net.InetAddress;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import io.vertx.core.net.SocketAddress;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpConstants;
import org.metricagateway.adapters.CrmConversions;
import org.metricagateway.web.ApiException;
import org.metricagateway.webhooks.Webhook;
import org.metricagateway.webhooks.WebhookDirectory;

/**
 * First step of ingest, before the body is parsed: unknown or inactive webhook → 404, sender outside allowed_ips
 * → 403, missing or wrong secret → 401 ({@link PresentedSecrets} says where a secret may be presented). The secret
 * is never logged; failures are counted by reason.
 */
public final class WebhookAuthenticator {
    public static final String WEBHOOK_PROPERTY = "webhook";
    /** The webhook's adapter format (a String), for the route's dispatch to direct:adapter-<format>. */
    public static final String FORMAT_VARIABLE = "adapterFormat";
    static final String SECRET_HEADER = "X-Webhook-Secret";

    private final WebhookDirectory webhooks;
    private final ClientAddressResolver addresses;
    private final IngestMetrics metrics;
    private final Clock clock;
    private final PresentedSecrets secrets;

    public WebhookAuthenticator(WebhookDirectory webhooks, ClientAddressResolver addresses, IngestMetrics metrics,
                                Clock clock, PresentedSecrets secrets) {
        this.webhooks = webhooks;
        this.secrets = secrets;
        this.addresses = addresses;
        this.metrics = metrics;
        this.clock = clock;
    }

    public void authenticate(Exchange exchange) throws SQLException {
        Optional<UUID> id = parseId(exchange.getMessage().getHeader("webhookId", String.class));
        Optional<Webhook> found = id.isEmpty() ? Optional.empty() : webhooks.find(id.get());
        if (found.isEmpty() || !found.get().active()) {
            throw refuse("unknown_webhook",
                    new ApiException(404, "webhook_not_found", "No active webhook with this id"));
        }
        Webhook webhook = found.get();
        if (!webhook.allowedIps().isEmpty()) {
            Optional<InetAddress> client = addresses.resolve(peerAddress(exchange),
                    exchange.getMessage().getHeader("X-Forwarded-For", String.class));
            if (client.isEmpty() || !webhook.allowsAddress(client.get())) {
                throw refuse("ip_not_allowed", new ApiException(403, "ip_not_allowed",
                        "The sender's address is not in this webhook's allowed_ips"));
            }
        }
        Optional<String> secret = secrets.presented(exchange, webhook);
        // The query parameter arrives as a header too: gone before anything downstream can log or echo it.
        exchange.getMessage().removeHeader(SECRET_HEADER);
        exchange.getMessage().removeHeader(PresentedSecrets.QUERY_PARAMETER);
        exchange.getMessage().removeHeader(Exchange.HTTP_QUERY);
        exchange.getMessage().removeHeader(Exchange.HTTP_RAW_QUERY);
        if (secret.isEmpty()) {
            throw refuse("missing_secret", new ApiException(401, "missing_secret",
                    "The " + SECRET_HEADER + " header is required" + secrets.alternatives(webhook)));
        }
        if (!webhook.acceptsSecret(secret.get(), clock.instant())) {
            throw refuse("wrong_secret", new ApiException(401, "invalid_secret",
                    "The secret does not match this webhook's secret"));
        }
        use(exchange, webhook);
    }

    /**
     * Makes the webhook the exchange's: the property for beans, and its format and settings as variables for the
     * routes. Routes read these plain variables rather than {@code ${exchangeProperty.webhook.format}}: Camel's
     * simple language caches the introspection of an OGNL call's target per instance, so on a new object each
     * request it introspects the class again (and fills its cache with our objects).
     */
    public static void use(Exchange exchange, Webhook webhook) {
        exchange.setProperty(WEBHOOK_PROPERTY, webhook);
        exchange.setVariable(FORMAT_VARIABLE, webhook.format());
        exchange.setVariable(CrmConversions.SETTINGS_VARIABLE, webhook.settings());
    }

    private ApiException refuse(String reason, ApiException error) {
        metrics.authFailure(reason);
        return error;
    }

    private static Optional<UUID> parseId(String raw) {
        try {
            return raw == null ? Optional.empty() : Optional.of(UUID.fromString(raw));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String peerAddress(Exchange exchange) {
        Object remote = exchange.getMessage().getHeader(VertxPlatformHttpConstants.REMOTE_ADDRESS);
        return remote instanceof SocketAddress socket ? socket.hostAddress() : null;
    }
}
