package org.metricagateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import java.util.List;

import org.metricagateway.support.GatewayProcess;
import org.metricagateway.support.Ingest;
import org.metricagateway.support.Webhooks;
import org.metricagateway.support.Webhooks.CreatedWebhook;
import org.metricagateway.support.Http;
import org.metricagateway.support.TestGateway;

/** The documented environment variables configure a separately started gateway, as in a container. */
class EnvironmentConfigurationTest {

    @Test
    void portsDatabaseAndAdminTokenComeFromTheEnvironment() throws Exception {
        // Not created in advance: with an external database the gateway keeps nothing on its disk (a pod's disk).
        Path dataDir = Files.createTempDirectory(Path.of("target"), "env-").resolve("data");
        try (GatewayProcess gateway = GatewayProcess.start(Map.of(
                "DATABASE_URL", TestGateway.get().jdbcUrl(),
                "ADMIN_TOKEN", "token-from-the-environment",
                "DATA_DIR", dataDir.toString(),
                "INGEST_MAX_CONVERSIONS", "1"))) {
            String output = gateway.output();
            assertThat(output).contains("Using the PostgreSQL server at")
                    .doesNotContain("Embedded PostgreSQL started")
                    .doesNotContain("token-from-the-environment");
            assertThat(Files.exists(dataDir.resolve("postgres"))).isFalse();
            // The business port is CAMEL_SERVER_PORT, and INGEST_MAX_CONVERSIONS=1 is in force there.
            CreatedWebhook webhook = Webhooks.create("env", 106, null);
            CreatedWebhook viaProcess = new CreatedWebhook(webhook.id(), webhook.secret(),
                    gateway.baseUrl() + "/webhooks/" + webhook.id() + "/conversions");
            Http.Response accepted = Ingest.post(viaProcess, Ingest.conversion(1));
            assertThat(accepted.status()).isEqualTo(202);
            Http.Response tooMany = Ingest.post(viaProcess, List.of(Ingest.conversion(2), Ingest.conversion(3)));
            assertThat(tooMany.json().get("error").asText()).isEqualTo("too_many_conversions");

            gateway.process().destroy();
            assertThat(gateway.process().waitFor(Duration.ofSeconds(30).toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(gateway.output()).contains("Apache Camel 4.18.0 (metrica-offline-gateway) shutdown")
                    // Plain log lines carry the request's correlation id in brackets; no secret is logged.
                    .contains("[" + accepted.headers().firstValue("X-Request-Id").orElseThrow() + "] - Webhook "
                            + webhook.id() + ": accepted 1 conversions (0 duplicates)")
                    .doesNotContain(webhook.secret());
            assertThat(dataDir).as("nothing written to DATA_DIR").doesNotExist();
        }
    }

    @Test
    void anUnknownLogFormatStopsTheStart() throws Exception {
        GatewayProcess gateway = GatewayProcess.launch(Map.of(
                "DATABASE_URL", TestGateway.get().jdbcUrl(),
                "ADMIN_TOKEN", "token-from-the-environment",
                "LOG_FORMAT", "xml"));
        try (gateway) {
            assertThat(gateway.process().waitFor(60, TimeUnit.SECONDS)).as("the gateway exits").isTrue();
            assertThat(gateway.process().exitValue()).isNotZero();
            assertThat(gateway.output()).contains("Setting log.format must be one of plain, json, got 'xml'");
        }
    }

    @Test
    void anExternalDatabaseWithoutAdminTokenStopsTheStartAndWritesNothing() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target"), "env-").resolve("data");
        GatewayProcess gateway = GatewayProcess.launch(Map.of(
                "DATABASE_URL", TestGateway.get().jdbcUrl(),
                "DATA_DIR", dataDir.toString()));
        try (gateway) {
            assertThat(gateway.process().waitFor(60, TimeUnit.SECONDS)).as("the gateway exits").isTrue();
            assertThat(gateway.process().exitValue()).isNotZero();
            assertThat(gateway.output())
                    .contains("ADMIN_TOKEN must be set when an external database (DATABASE_URL) is used");
            assertThat(dataDir).as("no generated token hash on the pod's disk").doesNotExist();
        }
    }

    @Test
    void aGatewayWhosePortIsTakenByAnotherProcessDoesNotRun() throws Exception {
        // This JVM holds the port: for the gateway process it is another process's.
        try (java.net.ServerSocket taken = new java.net.ServerSocket(org.metricagateway.support.Ports.free(), 50,
                java.net.InetAddress.getByName("0.0.0.0"))) {
            GatewayProcess gateway = GatewayProcess.launch(Map.of(
                    "DATABASE_URL", TestGateway.get().jdbcUrl(),
                    "ADMIN_TOKEN", "token-from-the-environment",
                    "CAMEL_SERVER_PORT", Integer.toString(taken.getLocalPort())));
            try (gateway) {
                assertThat(gateway.process().waitFor(60, TimeUnit.SECONDS)).as("the gateway exits").isTrue();
                assertThat(gateway.process().exitValue()).isEqualTo(3);
                assertThat(gateway.output()).contains("could not listen on port " + taken.getLocalPort());
            }
        }
    }
}
