package org.metricagateway.support;

import java.net.http.HttpRequest;

import org.metricagateway.support.Webhooks.CreatedWebhook;

/** Posting to a webhook the way CRMs that are not canonical JSON senders do: forms, the secret in the URL. */
public final class Senders {
    public static final String FORM = "application/x-www-form-urlencoded";

    private Senders() {
    }

    /** With the secret in the X-Webhook-Secret header. */
    public static Http.Response post(CreatedWebhook webhook, String contentType, String body) {
        return Http.send(Http.request(webhook.ingestUrl())
                .header("Content-Type", contentType)
                .header("X-Webhook-Secret", webhook.secret())
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** With the secret as ?secret= and no header, as amoCRM's web hooks can only do. */
    public static Http.Response postWithQuerySecret(CreatedWebhook webhook, String secret, String contentType,
                                                    String body) {
        return Http.send(Http.request(webhook.ingestUrl() + "?secret="
                        + java.net.URLEncoder.encode(secret, java.nio.charset.StandardCharsets.UTF_8))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }
}
