package org.metricagateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.metricagateway.support.Http;
import org.metricagateway.support.Metrics;
import org.metricagateway.support.Ingest;
import org.metricagateway.support.TestGateway;
import org.metricagateway.support.Webhooks;
import org.metricagateway.support.Webhooks.CreatedWebhook;

class IngestAuthTest {
    private static final String BODY = Http.json(Ingest.conversion(1001));

    @Test
    void acceptsTheRightSecret() {
        CreatedWebhook webhook = Webhooks.create("auth-ok", 101, null);
        Http.Response response = Ingest.post(webhook, BODY);
        assertThat(response.status()).isEqualTo(202);
        assertThat(response.headers().firstValue("X-Webhook-Secret")).isEmpty();
        assertThat(Ingest.storedCount(webhook)).isEqualTo(1);
    }

    @Test
    void missingSecretIs401AndStoresNothing() {
        CreatedWebhook webhook = Webhooks.create("auth-missing", 101, null);
        Http.Response response = Http.send(Http.request(webhook.ingestUrl())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(BODY)));
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("error").asText()).isEqualTo("missing_secret");
        assertThat(Ingest.storedCount(webhook)).isZero();
    }

    @Test
    void wrongSecretIs401StoresNothingAndIsCounted() {
        CreatedWebhook webhook = Webhooks.create("auth-wrong", 101, null);
        CreatedWebhook other = Webhooks.create("auth-other", 101, null);
        Http.Response response = Ingest.post(new CreatedWebhook(webhook.id(), other.secret(), webhook.ingestUrl()),
                BODY);
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("error").asText()).isEqualTo("invalid_secret");
        assertThat(response.body()).doesNotContain(other.secret());
        assertThat(Ingest.storedCount(webhook)).isZero();

        String metrics = Metrics.scrape(TestGateway.get().managementUrl());
        assertThat(metrics).containsPattern("gateway_webhook_auth_failures_total\\{.*reason=\"wrong_secret\".*} [1-9]");
    }

    @Test
    void unknownOrMalformedWebhookIdIs404() {
        CreatedWebhook real = Webhooks.create("auth-404", 101, null);
        String base = TestGateway.get().baseUrl() + "/webhooks/";
        for (String id : List.of(UUID.randomUUID().toString(), "not-a-uuid")) {
            Http.Response response = Ingest.post(new CreatedWebhook(id, real.secret(), base + id + "/conversions"),
                    BODY);
            assertThat(response.status()).as(id).isEqualTo(404);
            assertThat(response.json().get("error").asText()).isEqualTo("webhook_not_found");
        }
    }

    @Test
    void inactiveWebhookIs404() throws Exception {
        CreatedWebhook webhook = Webhooks.create("auth-inactive", 101, null);
        try (var c = TestGateway.get().connection()) {
            c.createStatement().executeUpdate("UPDATE webhooks SET active = false, deactivated_at = now()"
                    + " WHERE id = '" + webhook.id() + "'");
        }
        evict(webhook);
        assertThat(Ingest.post(webhook, BODY).status()).isEqualTo(404);
        assertThat(Ingest.storedCount(webhook)).isZero();
    }

    @Test
    void senderOutsideAllowedIpsIs403() {
        CreatedWebhook elsewhere = Webhooks.create("auth-ip-no", 101, null, List.of("203.0.113.0/24"));
        Http.Response refused = Ingest.post(elsewhere, BODY);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("error").asText()).isEqualTo("ip_not_allowed");
        assertThat(Ingest.storedCount(elsewhere)).isZero();

        CreatedWebhook local = Webhooks.create("auth-ip-yes", 101, null, List.of("203.0.113.0/24", "127.0.0.0/8"));
        assertThat(Ingest.post(local, BODY).status()).isEqualTo(202);
    }

    @Test
    void forwardedForIsIgnoredFromUntrustedPeers() {
        CreatedWebhook webhook = Webhooks.create("auth-xff", 101, null, List.of("203.0.113.0/24"));
        Http.Response response = Http.send(Http.request(webhook.ingestUrl())
                .header("Content-Type", "application/json")
                .header("X-Webhook-Secret", webhook.secret())
                .header("X-Forwarded-For", "203.0.113.7")
                .POST(HttpRequest.BodyPublishers.ofString(BODY)));
        assertThat(response.status()).isEqualTo(403);
    }

    @Test
    void forwardedForIsHonouredFromTrustedProxies() {
        TestGateway behindProxy = TestGateway.start(Map.of(
                "database.url", TestGateway.get().jdbcUrl(),
                "ingest.trusted-proxies", "127.0.0.1/32"));
        try {
            CreatedWebhook webhook = Webhooks.create("auth-proxy", 101, null, List.of("203.0.113.0/24"));
            String url = behindProxy.baseUrl() + "/webhooks/" + webhook.id() + "/conversions";
            // The right-most untrusted hop is the client; what the client itself put on the left is ignored.
            assertThat(postVia(url, webhook, "198.51.100.1, 203.0.113.7").status()).isEqualTo(202);
            assertThat(postVia(url, webhook, "203.0.113.7, 198.51.100.1").status()).isEqualTo(403);
        } finally {
            behindProxy.stop();
        }
    }

    private static Http.Response postVia(String url, CreatedWebhook webhook, String forwardedFor) {
        return Http.send(Http.request(url)
                .header("Content-Type", "application/json")
                .header("X-Webhook-Secret", webhook.secret())
                .header("X-Forwarded-For", forwardedFor)
                .POST(HttpRequest.BodyPublishers.ofString(Http.json(Ingest.conversion(System.nanoTime())))));
    }

    static void evict(CreatedWebhook webhook) {
        TestGateway.get().camel().getRegistry()
                .lookupByNameAndType("webhookDirectory", org.metricagateway.webhooks.WebhookDirectory.class)
                .evict(UUID.fromString(webhook.id()));
    }
}
