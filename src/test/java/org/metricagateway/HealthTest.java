package org.metricagateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.metricagateway.support.Http;
import org.metricagateway.support.Metrics;
import org.metricagateway.support.TestGateway;

class HealthTest {

    @Test
    void livenessAndReadinessAreUpOnTheManagementPort() {
        String management = TestGateway.get().managementUrl();
        Http.Response live = Http.send(Http.request(management + "/observe/health/live"));
        Http.Response ready = Http.send(Http.request(management + "/observe/health/ready"));
        assertThat(live.status()).isEqualTo(200);
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().get("status").asText()).isEqualTo("UP");
        assertThat(Metrics.value(management, "gateway_ready", "")).contains(1.0);
    }

    @Test
    void readinessIncludesTheDatabaseCheck() {
        Http.Response ready = Http.send(Http.request(TestGateway.get().managementUrl()
                + "/observe/health/ready?exposureLevel=full"));
        assertThat(ready.body()).contains("database");
    }

    @Test
    void theBusinessPortServesNoManagementEndpoints() {
        Http.Response response = Http.send(Http.request(TestGateway.get().baseUrl() + "/observe/health"));
        assertThat(response.status()).isEqualTo(404);
    }
}
