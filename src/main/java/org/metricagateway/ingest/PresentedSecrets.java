package org.metricagateway.ingest;

import java.util.Optional;

import org.apache.camel.Exchange;
import org.metricagateway.adapters.Adapter;
import org.metricagateway.adapters.AdapterCatalog;
import org.metricagateway.adapters.FormBody;
import org.metricagateway.web.JsonBodies;
import org.metricagateway.webhooks.Webhook;

/**
 * Where a sender may present its webhook's secret, in this order: the {@code X-Webhook-Secret} header (always);
 * the {@code secret} query parameter, only for a webhook with {@code secret_in_query} (off by default: URLs end up
 * in proxy and CRM logs); a form field of the body, only for an adapter that declares one (Bitrix24's
 * {@code auth[application_token]}). Whatever the source, it is compared in constant time with the stored hash.
 */
public final class PresentedSecrets {
    public static final String QUERY_PARAMETER = "secret";

    private final AdapterCatalog adapters;

    public PresentedSecrets(AdapterCatalog adapters) {
        this.adapters = adapters;
    }

    public Optional<String> presented(Exchange exchange, Webhook webhook) {
        String header = exchange.getMessage().getHeader(WebhookAuthenticator.SECRET_HEADER, String.class);
        if (header != null && !header.isEmpty()) {
            return Optional.of(header);
        }
        if (webhook.secretInQuery()) {
            Optional<String> query = FormBody.parse(exchange.getMessage().getHeader(Exchange.HTTP_QUERY, String.class))
                    .value(QUERY_PARAMETER).filter(s -> !s.isEmpty());
            if (query.isPresent()) {
                return query;
            }
        }
        Optional<String> field = adapters.find(webhook.format()).flatMap(Adapter::secretFormField);
        if (field.isPresent() && JsonBodies.mediaType(exchange).equals(FormBody.MEDIA_TYPE)) {
            return FormBody.of(exchange).value(field.get()).filter(s -> !s.isEmpty());
        }
        return Optional.empty();
    }

    /** For the 401 message: the other places this webhook accepts its secret. */
    String alternatives(Webhook webhook) {
        StringBuilder text = new StringBuilder();
        if (webhook.secretInQuery()) {
            text.append(" (or the ?").append(QUERY_PARAMETER).append("= query parameter)");
        }
        adapters.find(webhook.format()).flatMap(Adapter::secretFormField)
                .ifPresent(f -> text.append(" (or the form field ").append(f).append(')'));
        return text.toString();
    }
}
