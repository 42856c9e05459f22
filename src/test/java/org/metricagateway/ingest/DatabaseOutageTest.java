package org.metricagateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.metricagateway.support.Deadline;
import org.metricagateway.support.Http;
import org.metricagateway.support.Ingest;
import org.metricagateway.support.TcpProxy;
import org.metricagateway.support.TestGateway;
import org.metricagateway.support.Webhooks;
import org.metricagateway.support.Webhooks.CreatedWebhook;

/** A gateway whose database goes away answers 503 quickly, reports not ready, and recovers by itself. */
class DatabaseOutageTest {

    @Test
    void answers503QuicklyWhileTheDatabaseIsGoneAndRecovers() throws Exception {
        String jdbcUrl = TestGateway.get().jdbcUrl();
        URI database = URI.create(jdbcUrl.substring("jdbc:".length()));
        try (TcpProxy proxy = new TcpProxy(database.getPort())) {
            String viaProxy = jdbcUrl.replace(":" + database.getPort() + "/", ":" + proxy.port() + "/");
            TestGateway gateway = TestGateway.start(Map.of("database.url", viaProxy, "webhooks.cache-ttl-ms", "0"));
            try {
                CreatedWebhook webhook = Webhooks.create("outage", 105, null);
                String url = gateway.baseUrl() + "/webhooks/" + webhook.id() + "/conversions";
                CreatedWebhook here = new CreatedWebhook(webhook.id(), webhook.secret(), url);
                assertThat(Ingest.post(here, Ingest.conversion(1)).status()).isEqualTo(202);

                proxy.cut();
                Instant start = Instant.now();
                Http.Response during = Ingest.post(here, Ingest.conversion(2));
                assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(10));
                assertThat(during.status()).isEqualTo(503);
                assertThat(during.json().get("error").asText()).isEqualTo("database_unavailable");
                assertThat(during.body()).doesNotContain("jdbc").doesNotContain("Exception");
                assertThat(Http.send(Http.request(gateway.managementUrl() + "/observe/health/ready")).status())
                        .isEqualTo(503);

                proxy.open();
                Deadline.within(Duration.ofSeconds(30)).until(
                        () -> Ingest.post(here, Ingest.conversion(3)).status() == 202);
                assertThat(Http.send(Http.request(gateway.managementUrl() + "/observe/health/ready")).status())
                        .isEqualTo(200);
            } finally {
                gateway.stop();
            }
        }
    }
}
