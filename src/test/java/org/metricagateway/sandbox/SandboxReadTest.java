package org.metricagateway.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.metricagateway.sandbox.MetricaAssertions.assertError;
import static org.metricagateway.sandbox.MetricaAssertions.uploading;
import static org.metricagateway.sandbox.RunningSandbox.COUNTER;
import static org.metricagateway.sandbox.RunningSandbox.OTHER_COUNTER;
import static org.metricagateway.sandbox.RunningSandbox.READ_TOKEN;
import static org.metricagateway.sandbox.RunningSandbox.TOKEN;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.metricagateway.support.Http;

/** The status and list endpoints (section 9.5) and the legacy threshold stubs. */
class SandboxReadTest {
    @RegisterExtension
    static final RunningSandbox SANDBOX = new RunningSandbox();
    private static final String CSV = RunningSandbox.ONE_ROW_CSV;

    @Test
    void theStatusEndpointAnswersTheUploadingObject() {
        JsonNode uploaded = uploading(SANDBOX.api.upload(TOKEN, COUNTER, "?comment=first&type=BASIC", CSV));
        JsonNode read = uploading(SANDBOX.api.status(READ_TOKEN, COUNTER, uploaded.path("id").asLong()));
        assertThat(read).isEqualTo(uploaded);
        assertThat(read.path("id").asLong()).isGreaterThan(Integer.MAX_VALUE);
        assertThat(read.path("type").asText()).isEqualTo("BASIC");
        assertThat(read.path("comment").asText()).isEqualTo("first");
    }

    @Test
    void anUnknownIdOrAnotherCountersUploadIs404() {
        long id = uploading(SANDBOX.api.upload(TOKEN, COUNTER, CSV)).path("id").asLong();
        JsonNode json = assertError(SANDBOX.api.status(TOKEN, OTHER_COUNTER, id), 404, "not_found");
        assertThat(json.path("message").asText()).isEqualTo("Object with id = " + id + " not found");
        assertError(SANDBOX.api.status(TOKEN, COUNTER, id + 1), 404, "not_found");
        assertError(SANDBOX.api.get(TOKEN, COUNTER, "/uploading/abc"), 400, "invalid_parameter");
    }

    @Test
    void theListIsNewestFirstWithOffsetAndLimit() {
        List<Long> ids = List.of(upload("a"), upload("b"), upload("c"), upload("d"));
        uploading(SANDBOX.api.upload(TOKEN, OTHER_COUNTER, CSV));

        assertThat(listedIds("")).containsExactly(ids.get(3), ids.get(2), ids.get(1), ids.get(0));
        assertThat(listedIds("?limit=2")).containsExactly(ids.get(3), ids.get(2));
        assertThat(listedIds("?offset=1&limit=2")).containsExactly(ids.get(2), ids.get(1));
        assertThat(listedIds("?offset=4")).isEmpty();
        assertThat(listedIds("?limit=0")).isEmpty();
    }

    @Test
    void theListIsFilteredByType() {
        long basic = upload("basic");
        long calls = uploading(SANDBOX.api.upload(TOKEN, COUNTER, "?type=CALLS", CSV)).path("id").asLong();
        assertThat(listedIds("")).containsExactly(basic);
        assertThat(listedIds("?type=BASIC")).containsExactly(basic);
        assertThat(listedIds("?type=CALLS")).containsExactly(calls);
        assertThat(listedIds("?type=CHATS")).isEmpty();
        assertError(SANDBOX.api.list(TOKEN, COUNTER, "?type=OTHER"), 400, "invalid_parameter");
    }

    @Test
    void badLimitOrOffsetIs400() {
        for (String query : List.of("?limit=-1", "?limit=ten", "?offset=-5", "?offset=99999999999")) {
            assertError(SANDBOX.api.list(TOKEN, COUNTER, query), 400, "invalid_parameter");
        }
    }

    @Test
    void theListShowsEachUploadsCurrentState() {
        long id = upload("x");
        SANDBOX.processAll();
        JsonNode listed = SANDBOX.api.list(TOKEN, COUNTER, "").json().path("uploadings").get(0);
        assertThat(listed.path("id").asLong()).isEqualTo(id);
        assertThat(listed.path("status").asText()).isEqualTo("PROCESSED");
        assertThat(listed.path("linked_quantity").asInt()).isEqualTo(1);
    }

    @Test
    void theLegacyThresholdStubs() {
        byte[] none = new byte[0];
        Http.Response enable = Http.send(SANDBOX.api.post(TOKEN, COUNTER, "/extended_threshold",
                "application/x-www-form-urlencoded", none));
        assertThat(enable.status()).isEqualTo(200);
        assertThat(enable.json().path("success").asBoolean()).isTrue();
        Http.Response disable = Http.send(Http.request(SANDBOX.api.counterUrl(COUNTER) + "/extended_threshold")
                .header("Authorization", "OAuth " + TOKEN).DELETE());
        assertThat(disable.json().path("success").asBoolean()).isTrue();
        assertError(Http.send(SANDBOX.api.post(READ_TOKEN, COUNTER, "/extended_threshold", "text/plain",
                "x".getBytes(StandardCharsets.UTF_8))), 403, "access_denied");

        assertThat(SANDBOX.api.get(TOKEN, COUNTER, "/visit_join_threshold").json().path("date").asText())
                .isEqualTo("2026-02-17");
        SANDBOX.sandbox.switches().joinWindowOpensAt(RunningSandbox.NOW.plus(Duration.ofDays(2)));
        assertThat(SANDBOX.api.get(TOKEN, COUNTER, "/visit_join_threshold").json().path("date").asText())
                .isEqualTo("2026-03-12");
    }

    private static long upload(String comment) {
        return uploading(SANDBOX.api.upload(TOKEN, COUNTER, "?comment=" + comment, CSV)).path("id").asLong();
    }

    private static List<Long> listedIds(String query) {
        Http.Response response = SANDBOX.api.list(TOKEN, COUNTER, query);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains(MetricaAssertions.JSON);
        return StreamSupport.stream(response.json().path("uploadings").spliterator(), false)
                .map(node -> node.path("id").asLong()).toList();
    }
}
