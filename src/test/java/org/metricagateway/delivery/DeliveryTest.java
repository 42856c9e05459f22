package org.metricagateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.metricagateway.sandbox.Endpoint;
import org.metricagateway.sandbox.Failure;
import org.metricagateway.sandbox.QuotaLimits;
import org.metricagateway.sandbox.ReceivedUpload;
import org.metricagateway.support.Deadline;
import org.metricagateway.support.DeliveryRig;
import org.metricagateway.support.Http;
import org.metricagateway.support.Metrics;
import org.metricagateway.support.Ingest;
import org.metricagateway.support.Webhooks.CreatedWebhook;

/** Conversions reach the sandbox by themselves: batches, uploads, retries, adoption, polling, failures. */
class DeliveryTest {
    private static final Duration LIMIT = Duration.ofSeconds(40);
    private static DeliveryRig rig;

    @BeforeAll
    static void start() {
        // Uploads not processed within 15 s become stale (the default is 48 h).
        rig = DeliveryRig.start(Map.of("status.max-age-seconds", "15"));
    }

    @AfterEach
    void clearSandboxFaults() {
        rig.sandbox().failures().clear();
        rig.sandbox().switches().reset();
        rig.sandbox().quotas().limits(QuotaLimits.DOCUMENTED);
    }

    @AfterAll
    static void stop() {
        rig.close();
    }

    @Test
    void conversionsGoAllTheWayToProcessed() {
        rig.counter(301, "1001");
        CreatedWebhook webhook = rig.webhook(301);
        List<Long> ids = rig.send(webhook, "1001", "1002");
        long batchId = (Long) rig.batchOf(ids.get(0)).get("id");

        Map<String, Object> batch = rig.awaitBatch(batchId, LIMIT, b -> "processed".equals(b.get("status")));
        assertThat(batch.get("line_quantity")).isEqualTo(2);
        assertThat(batch.get("linked_quantity")).isEqualTo(1);
        assertThat(batch.get("user_not_found_quantity")).isEqualTo(1);
        assertThat(batch.get("goal_not_found_quantity")).isEqualTo(0);
        assertThat(batch.get("metrica_status")).isEqualTo("PROCESSED");
        assertThat(batch.get("finished_at")).isNotNull();

        List<ReceivedUpload> uploads = rig.sandbox().received().uploads(301);
        assertThat(uploads).hasSize(1);
        ReceivedUpload upload = uploads.get(0);
        assertThat(upload.uploadingId()).isEqualTo(batch.get("metrica_upload_id"));
        assertThat(upload.comment()).contains((String) batch.get("upload_comment"));
        assertThat(upload.authorizedWith(DeliveryRig.TOKEN)).isTrue();
        assertThat(upload.clientIdTypeParameter()).contains("CLIENT_ID");
        assertThat(upload.rows()).extracting(row -> row.get("clientid")).containsExactly("1001", "1002");

        JsonNode conversion = rig.admin("GET", "/api/conversions/" + ids.get(0), null).json();
        assertThat(conversion.get("status").asText()).isEqualTo("processed");
        JsonNode view = rig.admin("GET", "/api/batches/" + batchId, null).json();
        assertThat(view.get("metrica_upload_id").asLong()).isEqualTo(upload.uploadingId());
        assertThat(view.get("linked_quantity").asInt()).isEqualTo(1);

        Deadline.within(LIMIT).until(() -> metrics().contains("gateway_batches{status=\"processed\"}"));
        assertThat(metrics())
                .containsPattern("gateway_metrica_quota_used\\{token=\"[0-9a-f]{16}\"} [1-9]")
                .containsPattern("gateway_upload_attempts_total [1-9]")
                .contains("gateway_conversions_oldest_waiting_seconds")
                .doesNotContain(DeliveryRig.TOKEN);
    }

    private static String metrics() {
        return Metrics.scrape(rig.gateway().managementUrl());
    }

    @Test
    void nothingLinkedEndsInLinkageFailure() {
        rig.counter(302);
        List<Long> ids = rig.send(rig.webhook(302), "2001");
        long batchId = (Long) rig.batchOf(ids.get(0)).get("id");
        Map<String, Object> batch = rig.awaitBatch(batchId, LIMIT, b -> "linkage_failure".equals(b.get("status")));
        assertThat(batch.get("linked_quantity")).isEqualTo(0);
        assertThat(batch.get("user_not_found_quantity")).isEqualTo(1);
    }

    @Test
    void a5xxIsRetriedAndUploadsOnce() {
        rig.counter(303, "3001");
        rig.sandbox().failures().next(Endpoint.UPLOAD, Failure.backendError());
        long batchId = (Long) rig.batchOf(rig.send(rig.webhook(303), "3001").get(0)).get("id");
        Map<String, Object> batch = rig.awaitBatch(batchId, LIMIT, b -> b.get("metrica_upload_id") != null);
        assertThat(rig.sandbox().received().uploads(303)).hasSize(1);
        assertThat(rig.sandbox().received().count(Endpoint.UPLOAD, 503)).isGreaterThanOrEqualTo(1);
        assertThat((Integer) batch.get("attempts")).isEqualTo(2);
    }

    @Test
    void aParallelQuota429IsRetriedUntilTheUploadSucceeds() {
        rig.counter(310, "10001");
        rig.counter(311, "11001");
        // Metrica allows this login one request at a time; two batches are uploaded together, slowly.
        rig.sandbox().quotas().limits(QuotaLimits.DOCUMENTED.withParallelPerLogin(1));
        rig.sandbox().failures().always(Endpoint.UPLOAD, Failure.slow(Duration.ofSeconds(1)));
        CreatedWebhook first = rig.webhook(310);
        CreatedWebhook second = rig.webhook(311);
        long a = Ingest.post(first, List.of(Map.of("client_id", "10001",
                "date_time", Instant.now().minusSeconds(60).getEpochSecond()))).json().get("ids").get(0).asLong();
        long b = Ingest.post(second, List.of(Map.of("client_id", "11001",
                "date_time", Instant.now().minusSeconds(60).getEpochSecond()))).json().get("ids").get(0).asLong();
        rig.flush();
        for (long conversion : List.of(a, b)) {
            long batchId = (Long) rig.batchOf(conversion).get("id");
            rig.awaitBatch(batchId, LIMIT, batch -> batch.get("metrica_upload_id") != null);
        }
        assertThat(rig.sandbox().received().count(Endpoint.UPLOAD, "quota_parallel_requests"))
                .as("a 429 was answered and retried").isGreaterThanOrEqualTo(1);
        assertThat(rig.sandbox().received().uploads(310)).hasSize(1);
        assertThat(rig.sandbox().received().uploads(311)).hasSize(1);
        assertThat(metrics()).containsPattern("gateway_upload_duration_seconds_count [1-9]");
    }

    @Test
    void anUploadStoredBeforeATimeoutIsAdoptedNotSentAgain() {
        rig.counter(304, "4001");
        rig.sandbox().failures().next(Endpoint.UPLOAD, Failure.storeThenTimeout());
        long batchId = (Long) rig.batchOf(rig.send(rig.webhook(304), "4001").get(0)).get("id");
        Map<String, Object> batch = rig.awaitBatch(batchId, LIMIT, b -> b.get("metrica_upload_id") != null);
        List<ReceivedUpload> uploads = rig.sandbox().received().uploads(304);
        assertThat(uploads).as("Metrica got the file exactly once").hasSize(1);
        assertThat(batch.get("metrica_upload_id")).isEqualTo(uploads.get(0).uploadingId());
        assertThat(rig.sandbox().received().count(Endpoint.LIST_UPLOADINGS)).isGreaterThanOrEqualTo(1);
    }

    @Test
    void a400FailsTheBatchWithoutRetrying() {
        rig.counter(305);
        rig.sandbox().switches().rejectUploadsWithoutValidRows(true);
        // Within the gateway's clock skew, but in Metrica's future: Metrica drops the row, so the file has none.
        CreatedWebhook webhook = rig.webhook(305);
        Map<String, Object> conversion = new LinkedHashMap<>(Map.of("client_id", "5001",
                "date_time", Instant.now().plusSeconds(120).getEpochSecond()));
        long id = Ingest.post(webhook, conversion).json().get("ids").get(0).asLong();
        rig.flush();
        long batchId = (Long) rig.batchOf(id).get("id");
        Map<String, Object> batch = rig.awaitBatch(batchId, LIMIT, b -> "failed".equals(b.get("status")));
        assertThat(batch.get("last_error_type")).isEqualTo("invalid_uploading");
        assertThat(batch.get("attempts")).isEqualTo(1);
        assertThat(rig.sandbox().received().count(Endpoint.UPLOAD, 400)).isEqualTo(1);
    }

    @Test
    void aRefusedTokenPausesTheCounterUntilResumed() {
        // Counter 306 exists, but the rig's login has no access to it: 403 access_denied.
        rig.sandbox().seed().counter(306).goals(DeliveryRig.GOAL);
        CreatedWebhook webhook = rig.webhook(306);
        long first = (Long) rig.batchOf(rig.send(webhook, "6001").get(0)).get("id");
        Map<String, Object> failed = rig.awaitBatch(first, LIMIT, b -> "failed".equals(b.get("status")));
        assertThat(failed.get("last_error_type")).isEqualTo("access_denied");
        assertThat(rig.query("SELECT * FROM metrica_counter_pauses WHERE counter_id = 306")).hasSize(1);

        long second = (Long) rig.batchOf(rig.send(webhook, "6002").get(0)).get("id");
        assertThat(rig.batch(second).get("status")).isEqualTo("open");
        long uploadsWhilePaused = rig.sandbox().received().count(Endpoint.UPLOAD);

        rig.sandbox().seed().counter(306).grant(DeliveryRig.LOGIN);
        JsonNode resumed = rig.admin("POST", "/api/counters/306/resume", null).json();
        assertThat(resumed.get("was_paused").asBoolean()).isTrue();
        rig.awaitBatch(second, LIMIT, b -> b.get("metrica_upload_id") != null);
        assertThat(rig.sandbox().received().count(Endpoint.UPLOAD)).isEqualTo(uploadsWhilePaused + 1);
        assertThat(rig.batch(first).get("status")).as("failed batches wait for a retry").isEqualTo("failed");
    }

    @Test
    void aDeadLetteredBatchCanBeSentAgain() {
        rig.counter(307, "7001");
        rig.sandbox().failures().always(Endpoint.UPLOAD, Failure.backendError());
        long batchId = (Long) rig.batchOf(rig.send(rig.webhook(307), "7001").get(0)).get("id");
        Map<String, Object> failed = rig.awaitBatch(batchId, LIMIT, b -> "failed".equals(b.get("status")));
        assertThat(failed.get("last_error_type")).isEqualTo("backend_error");
        assertThat(failed.get("attempts")).isEqualTo(5);

        rig.sandbox().failures().clear();
        assertThat(rig.admin("POST", "/api/batches/" + batchId + "/retry", null).status()).isEqualTo(202);
        rig.awaitBatch(batchId, LIMIT, b -> b.get("metrica_upload_id") != null);
        assertThat(rig.sandbox().received().uploads(307)).hasSize(1);
        assertThat(rig.admin("POST", "/api/batches/" + batchId + "/retry", null).json().get("error").asText())
                .isEqualTo("not_retryable");
    }

    @Test
    void aSpentDailyQuotaMakesTheBatchWaitForMidnight() {
        rig.counter(308, "8001");
        rig.sandbox().quotas().limits(QuotaLimits.DOCUMENTED.withPerCounterPerDay(1));
        // Someone else spent the counter's one request of the day.
        assertThat(Http.send(Http.request(
                        rig.sandbox().baseUrl() + "/management/v1/counter/308/offline_conversions/uploadings")
                .header("Authorization", "OAuth " + DeliveryRig.TOKEN)).status()).isEqualTo(200);
        long batchId = (Long) rig.batchOf(rig.send(rig.webhook(308), "8001").get(0)).get("id");
        Map<String, Object> waiting = rig.awaitBatch(batchId, LIMIT, b -> b.get("next_attempt_at") != null);
        assertThat(waiting.get("status")).isEqualTo("open");
        assertThat(waiting.get("last_error_type")).isEqualTo("quota_requests_by_counter_id");
        Instant midnight = LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        assertThat(((Timestamp) waiting.get("next_attempt_at")).toInstant()).isEqualTo(midnight);
        assertThat(rig.sandbox().received().count(Endpoint.UPLOAD, "quota_requests_by_counter_id")).isEqualTo(1);
    }

    @Test
    void unknownStatusesAreNotFinalAndAnUploadNeverProcessedGoesStale() {
        rig.counter(309, "9001");
        rig.sandbox().switches().stickInUploaded(true).unknownStatus("SOMETHING_NEW");
        long batchId = (Long) rig.batchOf(rig.send(rig.webhook(309), "9001").get(0)).get("id");
        Map<String, Object> polled = rig.awaitBatch(batchId, LIMIT,
                b -> "SOMETHING_NEW".equals(b.get("metrica_status")) && ((Integer) b.get("poll_count")) >= 2);
        assertThat(polled.get("status")).isEqualTo("uploaded");
        assertThat(polled.get("next_poll_at")).isNotNull();

        Map<String, Object> stale = rig.awaitBatch(batchId, LIMIT, b -> "stale".equals(b.get("status")));
        assertThat(stale.get("next_poll_at")).isNull();
        assertThat(stale.get("finished_at")).isNotNull();
    }
}
