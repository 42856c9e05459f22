package org.metricagateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.metricagateway.support.Deadline;
import org.metricagateway.support.GatewayProcess;
import org.metricagateway.support.Webhooks.CreatedWebhook;

/**
 * The cluster rehearsal (bench/cluster.sh) in small: three replicas on one database under load spread over them;
 * one is killed with SIGKILL, another stopped with SIGTERM; every conversion a replica answered 202 for reaches
 * Metrica exactly once, delivered by the survivor where the others left off.
 */
class ClusterTest {
    private static final long COUNTER = 901;
    private final ProcessRig rig = new ProcessRig();

    @AfterEach
    void stopSandbox() {
        rig.sandbox.stop();
    }

    @Test
    void threeReplicasLoseNothingAndDuplicateNothingWhenOneIsKilledAndOneStopped() throws Exception {
        rig.counter(COUNTER);
        try (GatewayProcess survivor = GatewayProcess.start(rig.environment(Map.of(
                "DATA_DIR", Files.createTempDirectory(Path.of("target"), "cluster-a-").toString())))) {
            Map<String, String> replica = Map.of("DATABASE_URL", ProcessRig.embeddedDatabaseUrl(survivor),
                    "SHUTDOWN_DRAIN_DELAY_MS", "500");
            GatewayProcess killed = GatewayProcess.launch(rig.environment(replica));
            GatewayProcess stopped = GatewayProcess.launch(rig.environment(replica));
            try (killed; stopped) {
                killed.awaitReady();
                stopped.awaitReady();
                CreatedWebhook webhook = ProcessRig.webhook(survivor, COUNTER);

                Set<String> accepted;
                Set<String> sent;
                try (IngestLoad load = IngestLoad.start(webhook, List.of(survivor, killed, stopped), 1, 4)) {
                    load.awaitAccepted(150, Duration.ofSeconds(30));
                    killed.process().destroyForcibly();
                    load.awaitAccepted(300, Duration.ofSeconds(30));
                    stopped.process().destroy();
                    assertThat(stopped.process().waitFor(20, TimeUnit.SECONDS)).as("stopped in time").isTrue();
                    assertThat(stopped.process().exitValue()).isZero();
                    load.awaitAccepted(400, Duration.ofSeconds(30));
                    load.close();
                    accepted = load.accepted();
                    sent = load.sent();
                }

                Deadline.within(Duration.ofSeconds(40)).until(
                        () -> rig.receivedClientIds(COUNTER).containsAll(accepted));
                List<String> received = rig.receivedClientIds(COUNTER);
                assertThat(received).as("nothing twice").doesNotHaveDuplicates();
                assertThat(sent).as("nothing that was not sent").containsAll(received);
            }
        }
    }
}
