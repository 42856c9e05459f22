package org.metricagateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.metricagateway.support.ApiAssertions.assertError;
import static org.metricagateway.support.ApiAssertions.assertStatus;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.metricagateway.support.AdminApi;
import org.metricagateway.support.Http;
import org.metricagateway.support.Ingest;
import org.metricagateway.support.Senders;
import org.metricagateway.support.Sql;
import org.metricagateway.support.Webhooks;
import org.metricagateway.support.Webhooks.CreatedWebhook;

/** ?secret= works only for webhooks that opted in, is checked like the header, and is never stored. */
class QuerySecretTest {
    private static final String BODY = Http.json(Ingest.conversion(4242));

    private static CreatedWebhook webhook(boolean secretInQuery) {
        return Webhooks.create(AdminApi.body("name", "query-secret", "counter_id", 44003,
                "default_target", "deal_won", "secret_in_query", secretInQuery));
    }

    @Test
    void aWebhookThatOptedInAcceptsTheSecretInTheQuery() {
        CreatedWebhook webhook = webhook(true);

        assertStatus(Senders.postWithQuerySecret(webhook, webhook.secret(), "application/json", BODY), 202);

        assertThat(Ingest.storedCount(webhook)).isEqualTo(1);
    }

    @Test
    void byDefaultTheQuerySecretIsNotAccepted() {
        CreatedWebhook webhook = webhook(false);

        assertError(Senders.postWithQuerySecret(webhook, webhook.secret(), "application/json", BODY),
                401, "missing_secret");
        assertThat(Ingest.storedCount(webhook)).isZero();
    }

    @Test
    void aWrongQuerySecretIsRefused() {
        CreatedWebhook webhook = webhook(true);

        assertError(Senders.postWithQuerySecret(webhook, webhook.secret() + "x", "application/json", BODY),
                401, "invalid_secret");
    }

    @Test
    void theQuerySecretIsNeverStored() {
        CreatedWebhook webhook = webhook(true);

        assertStatus(Senders.postWithQuerySecret(webhook, webhook.secret(), "application/json",
                Http.json(Ingest.conversion(Instant.now().getEpochSecond()))), 202);

        assertThat(Sql.rows("SELECT * FROM webhook_requests WHERE webhook_id = ?::uuid", webhook.id()).toString())
                .isNotEmpty().doesNotContain(webhook.secret());
    }
}
