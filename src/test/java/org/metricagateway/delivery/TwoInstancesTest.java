package org.metricagateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.metricagateway.sandbox.Endpoint;
import org.metricagateway.sandbox.Failure;
import org.metricagateway.support.Deadline;
import org.metricagateway.support.GatewayProcess;
import org.metricagateway.support.Ingest;
import org.metricagateway.support.Webhooks.CreatedWebhook;

/**
 * Two gateway processes on one database, both ingesting, batching, uploading and polling: no conversion is in two
 * batches, none is uploaded twice, and together they never have more than 3 requests in flight at Metrica.
 */
class TwoInstancesTest {
    private static final long COUNTER = 501;
    private final ProcessRig rig = new ProcessRig();

    @AfterEach
    void stopSandbox() {
        rig.sandbox.releaseDelayedAnswers();
        rig.sandbox.stop();
    }

    @Test
    void twoReplicasDeliverEveryConversionExactlyOnce() throws Exception {
        rig.counter(COUNTER);
        // Slow answers keep requests in flight, so that the per-token limit is really exercised.
        rig.sandbox.failures().always(Endpoint.UPLOAD, Failure.slow(Duration.ofMillis(300)));
        Map<String, String> base = Map.of("BATCHING_MAX_SIZE", "50");
        try (GatewayProcess first = GatewayProcess.start(rig.environment(Map.of("BATCHING_MAX_SIZE", "50",
                "DATA_DIR", Files.createTempDirectory(Path.of("target"), "two-a-").toString())))) {
            Map<String, String> secondEnvironment = new java.util.HashMap<>(base);
            secondEnvironment.put("DATABASE_URL", ProcessRig.embeddedDatabaseUrl(first));
            secondEnvironment.put("DATA_DIR", Files.createTempDirectory(Path.of("target"), "two-b-").toString());
            try (GatewayProcess second = GatewayProcess.start(rig.environment(secondEnvironment))) {
                CreatedWebhook webhook = ProcessRig.webhook(first, COUNTER);
                List<GatewayProcess> gateways = List.of(first, second);
                Set<String> accepted = ConcurrentHashMap.newKeySet();
                ExecutorService clients = Executors.newFixedThreadPool(4);
                List<Future<?>> done = new ArrayList<>();
                for (int client = 0; client < 4; client++) {
                    int c = client;
                    done.add(clients.submit(() -> {
                        for (int request = 0; request < 25; request++) {
                            List<Map<String, Object>> conversions = new ArrayList<>();
                            List<String> ids = new ArrayList<>();
                            for (int i = 0; i < 10; i++) {
                                String clientId = Long.toString(1_000_000L * (c + 1) + request * 10L + i);
                                Map<String, Object> conversion = Ingest.conversion(0);
                                conversion.put("client_id", clientId);
                                conversion.put("external_id", "lead-" + clientId);
                                conversions.add(conversion);
                                ids.add(clientId);
                            }
                            // Every request goes to one replica, and half of them again to the other one (a CRM
                            // retrying through the load balancer): duplicates across replicas.
                            GatewayProcess target = gateways.get(request % 2);
                            var answer = Ingest.post(ProcessRig.ingestUrl(target, webhook.id()), webhook.secret(),
                                    conversions);
                            assertThat(answer.status()).isEqualTo(202);
                            accepted.addAll(ids);
                            if (request % 4 == 0) {
                                Ingest.post(ProcessRig.ingestUrl(gateways.get((request + 1) % 2), webhook.id()),
                                        webhook.secret(), conversions);
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> future : done) {
                    future.get(2, TimeUnit.MINUTES);
                }
                clients.shutdown();

                Deadline.within(Duration.ofSeconds(90)).until(
                        () -> rig.receivedClientIds(COUNTER).size() >= accepted.size());
                List<String> received = rig.receivedClientIds(COUNTER);
                assertThat(received).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(accepted);
                for (Endpoint endpoint : Endpoint.values()) {
                    assertThat(rig.sandbox.received().count(endpoint, "quota_parallel_requests"))
                            .as("more than 3 requests in flight at " + endpoint).isZero();
                }
            }
        }
    }
}
