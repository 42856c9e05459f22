package org.metricagateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.metricagateway.sandbox.Endpoint;
import org.metricagateway.sandbox.Failure;
import org.metricagateway.support.Deadline;
import org.metricagateway.support.GatewayProcess;
import org.metricagateway.support.Http;
import org.metricagateway.support.Ingest;
import org.metricagateway.support.Webhooks.CreatedWebhook;

/**
 * The gateway is killed (SIGKILL, no shutdown of any kind) at each stage of delivery and started again on the same
 * data; in the end Metrica has received every accepted conversion exactly once.
 */
class CrashSafetyTest {
    private static final long COUNTER = 401;
    private static final Duration LIMIT = Duration.ofSeconds(60);
    private final ProcessRig rig = new ProcessRig();
    private final List<String> sent = new ArrayList<>();
    private long nextClientId = 1;

    @AfterEach
    void stopSandbox() {
        rig.sandbox.releaseDelayedAnswers();
        rig.sandbox.stop();
    }

    @Test
    void everyAcceptedConversionReachesMetricaExactlyOnceWhateverTheCrash() throws Exception {
        rig.counter(COUNTER);
        Map<String, String> environment = rig.environment(Map.of(
                "DATA_DIR", Files.createTempDirectory(Path.of("target"), "crash-").toString()));

        GatewayProcess gateway = GatewayProcess.start(environment);
        CreatedWebhook webhook = ProcessRig.webhook(gateway, COUNTER);

        // 1. Right after ingest: the 202 was sent, the aggregation group lives only in memory.
        send(gateway, webhook, 40);
        gateway = crashAndRestart(gateway, environment);
        awaitReceived(40);

        // 2. Mid-aggregation: one group completed and uploaded, the next one half full.
        send(gateway, webhook, 20);
        awaitReceived(60);
        send(gateway, webhook, 15);
        gateway = crashAndRestart(gateway, environment);
        awaitReceived(75);

        // 3. Mid-upload: the file is on its way, Metrica has not stored it yet.
        rig.sandbox.failures().next(Endpoint.UPLOAD, Failure.slow(Duration.ofSeconds(30)));
        send(gateway, webhook, 10);
        rig.sandbox.received().await(LIMIT, traffic -> traffic.held() > 0 || traffic.inFlight() > 0);
        gateway = crashAndRestart(gateway, environment);
        awaitReceived(85);

        // 4. After the upload, before its answer is stored: Metrica has the file, the gateway does not know.
        long uploadsBefore = rig.receivedUploads(COUNTER);
        rig.sandbox.failures().next(Endpoint.UPLOAD, Failure.storeThenDelay(Duration.ofSeconds(30)));
        send(gateway, webhook, 10);
        rig.sandbox.received().await(LIMIT, traffic -> traffic.uploads(COUNTER).size() > uploadsBefore);
        GatewayProcess last = crashAndRestart(gateway, environment);
        Deadline.within(LIMIT).until(() -> rig.sandbox.received().count(Endpoint.LIST_UPLOADINGS) > 0
                && allBatchesUploaded(last));
        awaitReceived(95);

        assertThat(rig.receivedClientIds(COUNTER)).as("each conversion once").containsExactlyInAnyOrderElementsOf(sent);
        last.close();
    }

    private void send(GatewayProcess gateway, CreatedWebhook webhook, int count) {
        List<Map<String, Object>> conversions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String clientId = Long.toString(nextClientId++);
            Map<String, Object> conversion = Ingest.conversion(0);
            conversion.put("client_id", clientId);
            conversions.add(conversion);
            sent.add(clientId);
        }
        var answer = Ingest.post(ProcessRig.ingestUrl(gateway, webhook.id()), webhook.secret(), conversions);
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
    }

    private GatewayProcess crashAndRestart(GatewayProcess gateway, Map<String, String> environment)
            throws Exception {
        gateway.process().destroyForcibly();
        assertThat(gateway.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        return GatewayProcess.start(environment);
    }

    private void awaitReceived(int count) {
        Deadline.within(LIMIT).until(() -> rig.receivedClientIds(COUNTER).size() >= count);
        assertThat(rig.receivedClientIds(COUNTER)).as("nothing twice").doesNotHaveDuplicates();
    }

    private static boolean allBatchesUploaded(GatewayProcess gateway) {
        return List.of("open", "uploading").stream().allMatch(status -> Http.send(Http.request(
                        gateway.baseUrl() + "/api/batches?status=" + status)
                .header("Authorization", "Bearer " + ProcessRig.ADMIN_TOKEN)).json().get("batches").isEmpty());
    }
}
