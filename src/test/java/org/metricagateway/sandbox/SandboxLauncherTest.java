package org.metricagateway.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.metricagateway.sandbox.MetricaAssertions.uploading;

import java.time.Duration;
import java.time.Instant;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.metricagateway.config.GatewaySettings;

/** The sandbox as {@code make run} starts it: settings from application.properties, permissive seed. */
class SandboxLauncherTest {
    private static final long ANY_COUNTER = 87654321;

    @Test
    void theDocumentedDefaults() throws Exception {
        GatewaySettings settings = settings(new Properties());
        assertThat(settings.metricaSandboxHost()).isEqualTo("127.0.0.1");
        assertThat(settings.metricaSandboxPort()).isEqualTo(8090);
        assertThat(settings.metricaSandboxToken()).isEqualTo("sandbox-token");
        assertThat(settings.metricaSandboxExportedDelay()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.metricaSandboxMatchedDelay()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.metricaSandboxProcessedDelay()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void everyValidUploadToAnyCounterEndsProcessed() throws Exception {
        Properties overrides = new Properties();
        overrides.setProperty("metrica.sandbox.port", "0");
        overrides.setProperty("metrica.sandbox.exported-delay-seconds", "0");
        overrides.setProperty("metrica.sandbox.matched-delay-seconds", "0");
        overrides.setProperty("metrica.sandbox.processed-delay-seconds", "0");
        try (MetricaSandbox sandbox = SandboxLauncher.startForLocalRun(settings(overrides))) {
            MetricaApi api = new MetricaApi(sandbox.baseUrl());
            long eventTime = Instant.now().minus(Duration.ofDays(20)).getEpochSecond();
            String csv = MetricaApi.csv("ClientId,UserId,Target,DateTime",
                    "42,," + "any_goal," + eventTime,
                    ",someone,other_goal," + eventTime);
            JsonNode answer = uploading(api.upload("sandbox-token", ANY_COUNTER, csv));
            assertThat(answer.path("status").asText()).isEqualTo("UPLOADED");

            JsonNode read = uploading(api.status("sandbox-token", ANY_COUNTER, answer.path("id").asLong()));
            assertThat(read.path("status").asText()).isEqualTo("PROCESSED");
            assertThat(read.path("linked_quantity").asInt()).isEqualTo(2);
            assertThat(api.upload("another-token", ANY_COUNTER, csv).status()).isEqualTo(403);
        }
    }

    private static GatewaySettings settings(Properties overrides) throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.getPropertiesComponent().setLocation("classpath:application.properties");
            context.getPropertiesComponent().setOverrideProperties(overrides);
            return GatewaySettings.from(context.getPropertiesComponent());
        }
    }
}
