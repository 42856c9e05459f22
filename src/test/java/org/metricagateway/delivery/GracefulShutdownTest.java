package org.metricagateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.metricagateway.support.Deadline;
import org.metricagateway.support.GatewayProcess;
import org.metricagateway.support.Http;
import org.metricagateway.support.Metrics;
import org.metricagateway.support.Sql;
import org.metricagateway.support.Webhooks.CreatedWebhook;

/**
 * SIGTERM, as Kubernetes sends it, to a replica under load: readiness goes DOWN first while requests are still
 * served, in-flight requests finish, open aggregation groups become batches, and the process exits 0. Every
 * conversion it answered 202 for is committed, in a batch, and reaches Metrica once (uploaded by the other replica
 * if the stopping one did not get to it).
 */
class GracefulShutdownTest {
    private static final long COUNTER = 601;
    private static final Duration DRAIN = Duration.ofMillis(1500);
    private final ProcessRig rig = new ProcessRig();

    @AfterEach
    void stopSandbox() {
        rig.sandbox.stop();
    }

    @Test
    void sigtermDrainsThenStopsWithEveryAcceptedConversionBatched() throws Exception {
        rig.counter(COUNTER);
        // Neither replica recovers unclaimed rows during the test, and the stopping one never completes a group
        // on its own: a conversion is in a batch only if the stop completed its group.
        Map<String, String> noRecovery = Map.of("BATCHING_RECOVERY_MIN_AGE_MS", "3600000");
        try (GatewayProcess owner = GatewayProcess.start(rig.environment(with(noRecovery,
                "DATA_DIR", Files.createTempDirectory(Path.of("target"), "drain-a-").toString())))) {
            String databaseUrl = ProcessRig.embeddedDatabaseUrl(owner);
            GatewayProcess stopping = GatewayProcess.start(rig.environment(with(noRecovery,
                    "DATABASE_URL", databaseUrl,
                    "DATA_DIR", Files.createTempDirectory(Path.of("target"), "drain-b-").toString(),
                    "BATCHING_COMPLETION_INTERVAL_MS", "1800000",
                    "SHUTDOWN_DRAIN_DELAY_MS", Long.toString(DRAIN.toMillis()))));
            CreatedWebhook webhook = ProcessRig.webhook(owner, COUNTER);

            Set<String> accepted;
            Instant readinessDown;
            try (IngestLoad load = IngestLoad.start(webhook, List.of(stopping), 1, 4)) {
                load.awaitAccepted(100, Duration.ofSeconds(30));
                Instant sigterm = Instant.now();
                stopping.process().destroy();
                readinessDown = awaitReadinessDown(stopping);
                assertThat(Metrics.value(stopping.managementUrl(), "gateway_ready", "")).contains(0.0);
                assertThat(stopping.process().waitFor(20, TimeUnit.SECONDS)).as("exited").isTrue();
                assertThat(stopping.process().exitValue()).as(stopping.output()).isZero();
                load.close();
                accepted = load.accepted();

                assertThat(Duration.between(sigterm, readinessDown)).isLessThan(DRAIN);
                assertThat(load.lastAccepted(stopping)).as("requests were still served while draining")
                        .hasValueSatisfying(last -> assertThat(last).isAfter(readinessDown));
                assertThat(load.firstRefused(stopping)).as("the port closes only after readiness went DOWN")
                        .hasValueSatisfying(refused -> assertThat(refused).isAfter(readinessDown));
                assertThat(stopping.output()).contains("Shutting down: readiness reports DOWN");
            }

            try (Connection database = DriverManager.getConnection(databaseUrl)) {
                List<Map<String, Object>> rows = Sql.rows(database,
                        "SELECT c.client_id::text AS client_id, m.batch_id FROM webhook_conversions c"
                                + " LEFT JOIN conversion_bundles m ON m.id = c.bundle_id WHERE c.counter_id = ?",
                        COUNTER);
                assertThat(rows.stream().map(row -> (String) row.get("client_id")).toList())
                        .as("every accepted conversion is committed").containsAll(accepted);
                assertThat(rows).as("open groups became batches on stop")
                        .allSatisfy(row -> assertThat(row.get("batch_id")).isNotNull());
            }
            Deadline.within(Duration.ofSeconds(30)).until(
                    () -> rig.receivedClientIds(COUNTER).containsAll(accepted));
            assertThat(rig.receivedClientIds(COUNTER)).doesNotHaveDuplicates();
        }
    }

    private static Instant awaitReadinessDown(GatewayProcess gateway) {
        AtomicReference<Instant> down = new AtomicReference<>();
        Deadline.within(Duration.ofSeconds(10)).until(() -> {
            int status = Http.send(Http.request(gateway.managementUrl() + "/observe/health/ready")).status();
            if (status == 503) {
                down.set(Instant.now());
            }
            return down.get() != null;
        });
        return down.get();
    }

    private static Map<String, String> with(Map<String, String> base, String... pairs) {
        Map<String, String> map = new java.util.HashMap<>(base);
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
