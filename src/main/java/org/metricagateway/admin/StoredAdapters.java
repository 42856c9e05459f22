package org.metricagateway.admin;

import java.sql.SQLException;
import java.util.UUID;

import org.metricagateway.webhooks.WebhookDirectory;

/** Gives a webhook change the format and settings the webhook has now, so that the two are checked together. */
public final class StoredAdapters {
    private final WebhookDirectory webhooks;

    public StoredAdapters(WebhookDirectory webhooks) {
        this.webhooks = webhooks;
    }

    public WebhookChanges withStoredAdapter(WebhookChanges changes, UUID webhookId) throws SQLException {
        if (changes.getFormat() == null && changes.getSettings() == null) {
            return changes;
        }
        return webhooks.load(webhookId)
                .map(w -> changes.withStored(w.format(), w.settings()))
                .orElse(changes);
    }
}
