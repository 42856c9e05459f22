package org.metricagateway.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.metricagateway.sandbox.MetricaAssertions.uploading;
import static org.metricagateway.sandbox.RunningSandbox.AN_HOUR_AGO;
import static org.metricagateway.sandbox.RunningSandbox.CLIENT_ID;
import static org.metricagateway.sandbox.RunningSandbox.COUNTER;
import static org.metricagateway.sandbox.RunningSandbox.GOAL;
import static org.metricagateway.sandbox.RunningSandbox.LAST_VISIT;
import static org.metricagateway.sandbox.RunningSandbox.NOW;
import static org.metricagateway.sandbox.RunningSandbox.TOKEN;
import static org.metricagateway.sandbox.RunningSandbox.USER_ID;
import static org.metricagateway.sandbox.RunningSandbox.YCLID;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The state machine and linking (section 9.4), driven by the sandbox clock. */
class SandboxLifecycleTest {
    @RegisterExtension
    static final RunningSandbox SANDBOX = new RunningSandbox();
    private static final String LINKED_ROW = CLIENT_ID + "," + GOAL + "," + AN_HOUR_AGO;
    private static final List<String> COUNTERS = List.of(
            "goal_not_found_quantity", "user_not_found_quantity", "linked_quantity");

    @Test
    void uploadedExportedMatchedThenProcessed() {
        long id = upload(MetricaApi.csv("ClientId,Target,DateTime,Price,Currency", LINKED_ROW + ",10,RUB"));
        ProcessingDelays delays = SANDBOX.sandbox.switches().processingDelays();
        assertStatus(id, "UPLOADED");
        SANDBOX.clock.advance(delays.exported().minusMillis(1));
        assertStatus(id, "UPLOADED");
        SANDBOX.clock.advance(Duration.ofMillis(1));
        assertStatus(id, "EXPORTED");
        SANDBOX.clock.advance(delays.matched());
        assertStatus(id, "MATCHED");
        SANDBOX.clock.advance(delays.processed());

        JsonNode processed = assertStatus(id, "PROCESSED");
        assertThat(processed.path("linked_quantity").asInt()).isEqualTo(1);
        assertThat(processed.path("goal_not_found_quantity").asInt()).isZero();
        assertThat(processed.path("user_not_found_quantity").asInt()).isZero();
        assertThat(processed.path("create_time").asText()).isEqualTo("2026-03-10T12:00:00Z");
    }

    @Test
    void theCountersAreLeftOutBeforeTheTerminalState() {
        JsonNode answer = uploading(SANDBOX.api.upload(TOKEN, COUNTER, MetricaApi.csv("ClientId,Target,DateTime",
                LINKED_ROW)));
        SANDBOX.clock.advance(SANDBOX.sandbox.switches().processingDelays().total().minusSeconds(1));
        JsonNode matched = assertStatus(answer.path("id").asLong(), "MATCHED");
        for (JsonNode node : List.of(answer, matched)) {
            assertThat(node.fieldNames()).toIterable().doesNotContainAnyElementsOf(COUNTERS);
        }
        assertThat(answer.has("comment")).isFalse();
    }

    @Test
    void processingCountsGoalNotFoundUserNotFoundAndLinked() {
        Instant beforeEveryVisit = LAST_VISIT.minus(Duration.ofDays(30));
        String csv = MetricaApi.csv("ClientId,UserId,Yclid,Target,DateTime",
                CLIENT_ID + ",,," + GOAL + "," + AN_HOUR_AGO,
                CLIENT_ID + ",,," + GOAL + "," + LAST_VISIT.minus(Duration.ofDays(1)).getEpochSecond(),
                ",," + YCLID + "," + GOAL + "," + AN_HOUR_AGO,
                "," + USER_ID + ",," + GOAL + "," + AN_HOUR_AGO,
                "999,unknown-user,," + GOAL + "," + AN_HOUR_AGO,
                "999," + USER_ID + ",," + GOAL + "," + AN_HOUR_AGO,
                CLIENT_ID + ",,," + GOAL + "," + beforeEveryVisit.getEpochSecond(),
                CLIENT_ID + ",,,no_such_goal," + AN_HOUR_AGO,
                CLIENT_ID + ",,,Deal_Won," + AN_HOUR_AGO);
        long id = upload(csv);
        SANDBOX.processAll();

        JsonNode processed = assertStatus(id, "PROCESSED");
        assertThat(processed.path("line_quantity").asInt()).isEqualTo(9);
        assertThat(processed.path("linked_quantity").asInt()).isEqualTo(5);
        assertThat(processed.path("user_not_found_quantity").asInt()).isEqualTo(2);
        assertThat(processed.path("goal_not_found_quantity").asInt()).isEqualTo(2);
    }

    @Test
    void aVisitOutsideTheAttributionWindowDoesNotLink() {
        Instant processedAt = NOW.plus(SANDBOX.sandbox.switches().processingDelays().total());
        Instant edge = processedAt.minus(SandboxSwitches.DOCUMENTED_ATTRIBUTION_WINDOW);
        SANDBOX.sandbox.seed().counter(COUNTER)
                .visits(IdentifierType.USER_ID, "at-the-edge", edge)
                .visits(IdentifierType.USER_ID, "just-outside", edge.minusSeconds(1));
        long id = upload(MetricaApi.csv("UserId,Target,DateTime",
                "at-the-edge," + GOAL + "," + AN_HOUR_AGO,
                "just-outside," + GOAL + "," + AN_HOUR_AGO));
        SANDBOX.processAll();

        JsonNode processed = assertStatus(id, "PROCESSED");
        assertThat(processed.path("linked_quantity").asInt()).isEqualTo(1);
        assertThat(processed.path("user_not_found_quantity").asInt()).isEqualTo(1);
    }

    @Test
    void nothingLinkedIsLinkageFailure() {
        long id = upload(MetricaApi.csv("ClientId,Target,DateTime",
                "999," + GOAL + "," + AN_HOUR_AGO,
                CLIENT_ID + ",no_such_goal," + AN_HOUR_AGO));
        SANDBOX.processAll();

        JsonNode failed = assertStatus(id, "LINKAGE_FAILURE");
        assertThat(failed.path("linked_quantity").asInt()).isZero();
        assertThat(failed.path("user_not_found_quantity").asInt()).isEqualTo(1);
        assertThat(failed.path("goal_not_found_quantity").asInt()).isEqualTo(1);
    }

    @Test
    void seedingBeforeProcessingEndsStillCounts() {
        long id = upload(MetricaApi.csv("UserId,Target,DateTime", "late-user,late_goal," + AN_HOUR_AGO));
        SANDBOX.sandbox.seed().counter(COUNTER).goals("late_goal")
                .visits(IdentifierType.USER_ID, "late-user", LAST_VISIT);
        SANDBOX.processAll();
        assertThat(assertStatus(id, "PROCESSED").path("linked_quantity").asInt()).isEqualTo(1);
    }

    @Test
    void stuckInUploadedForever() {
        SANDBOX.sandbox.switches().stickInUploaded(true);
        long id = upload(MetricaApi.csv("ClientId,Target,DateTime", LINKED_ROW));
        SANDBOX.clock.advance(Duration.ofDays(3));
        assertStatus(id, "UPLOADED");
        assertThat(SANDBOX.sandbox.uploading(id).orElseThrow().terminal()).isFalse();

        SANDBOX.sandbox.switches().stickInUploaded(false);
        assertStatus(id, "PROCESSED");
    }

    @Test
    void anUnknownStatusIsReportedUntilTheTerminalState() {
        SANDBOX.sandbox.switches().unknownStatus("SOMETHING_NEW");
        JsonNode answer = uploading(SANDBOX.api.upload(TOKEN, COUNTER, MetricaApi.csv("ClientId,Target,DateTime",
                LINKED_ROW)));
        assertThat(answer.path("status").asText()).isEqualTo("UPLOADED");
        long id = answer.path("id").asLong();
        assertStatus(id, "SOMETHING_NEW");
        assertThat(SANDBOX.api.list(TOKEN, COUNTER, "").json().path("uploadings").get(0).path("status").asText())
                .isEqualTo("SOMETHING_NEW");
        SANDBOX.processAll();
        assertStatus(id, "PROCESSED");
    }

    @Test
    void intermediateStatesCanBeSkipped() {
        SANDBOX.sandbox.switches().skipIntermediateStates(true);
        long id = upload(MetricaApi.csv("ClientId,Target,DateTime", LINKED_ROW));
        SANDBOX.clock.advance(SANDBOX.sandbox.switches().processingDelays().total().minusMillis(1));
        assertStatus(id, "UPLOADED");
        SANDBOX.clock.advance(Duration.ofMillis(1));
        assertStatus(id, "PROCESSED");
    }

    @Test
    void theDelaysCanBeChanged() {
        SANDBOX.sandbox.switches().processingDelays(ProcessingDelays.REALISTIC);
        long id = upload(MetricaApi.csv("ClientId,Target,DateTime", LINKED_ROW));
        SANDBOX.clock.advance(Duration.ofMinutes(10));
        assertStatus(id, "EXPORTED");
        SANDBOX.clock.advance(Duration.ofMinutes(110));
        assertStatus(id, "PROCESSED");
    }

    @Test
    void repeatedRowsAreCountedAsDuplicatesAndLinkedAgainUnlessDeduplicated() {
        String csv = MetricaApi.csv("ClientId,Target,DateTime", LINKED_ROW);
        long first = upload(csv);
        long second = upload(csv);
        SANDBOX.processAll();
        assertThat(assertStatus(second, "PROCESSED").path("linked_quantity").asInt()).isEqualTo(1);
        assertThat(SANDBOX.sandbox.uploading(first).orElseThrow().linkage().orElseThrow().duplicate()).isZero();
        assertThat(SANDBOX.sandbox.uploading(second).orElseThrow().linkage().orElseThrow())
                .isEqualTo(new Linkage(1, 0, 0, 1));

        SANDBOX.sandbox.switches().deduplicateRows(true);
        long third = upload(MetricaApi.csv("ClientId,Target,DateTime", LINKED_ROW, LINKED_ROW.replace(",", " , ")));
        SANDBOX.processAll();
        assertThat(assertStatus(third, "LINKAGE_FAILURE").path("linked_quantity").asInt()).isZero();
        assertThat(SANDBOX.sandbox.uploading(third).orElseThrow().linkage().orElseThrow().duplicate()).isEqualTo(2);
    }

    @Test
    void optionalFieldsCanBeLeftOutLikeACapturedAnswer() {
        SANDBOX.sandbox.switches().leaveOutOptionalFields(true);
        JsonNode answer = uploading(SANDBOX.api.upload(TOKEN, COUNTER, "?comment=c",
                MetricaApi.csv("UserId,Target,DateTime", USER_ID + "," + GOAL + "," + AN_HOUR_AGO)));
        assertThat(answer.fieldNames()).toIterable()
                .containsExactly("id", "source_quantity", "line_quantity", "client_id_type", "status");
    }

    private static long upload(String csv) {
        return uploading(SANDBOX.api.upload(TOKEN, COUNTER, csv)).path("id").asLong();
    }

    private static JsonNode assertStatus(long id, String status) {
        JsonNode uploading = uploading(SANDBOX.api.status(TOKEN, COUNTER, id));
        assertThat(uploading.path("status").asText()).isEqualTo(status);
        assertThat(uploading.path("id").asLong()).isEqualTo(id);
        return uploading;
    }
}
