package org.metricagateway.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.metricagateway.sandbox.MetricaAssertions.assertError;
import static org.metricagateway.sandbox.MetricaAssertions.uploading;
import static org.metricagateway.sandbox.RunningSandbox.COUNTER;
import static org.metricagateway.sandbox.RunningSandbox.TOKEN;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.metricagateway.support.Http;

class SandboxFailureTest {
    @RegisterExtension
    static final RunningSandbox SANDBOX = new RunningSandbox();
    private static final String CSV = RunningSandbox.ONE_ROW_CSV;
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Long enough that only a release or a client's timeout ends the wait. */
    private static final Duration HELD = Duration.ofMinutes(1);
    private static final Duration CLIENT_TIMEOUT = Duration.ofMillis(300);

    @Test
    void backendErrorThenSuccessOnRetry() {
        SANDBOX.sandbox.failures().next(Endpoint.UPLOAD, Failure.backendError());
        assertError(SANDBOX.api.upload(TOKEN, COUNTER, CSV), 503, "backend_error");
        assertThat(SANDBOX.sandbox.uploadings()).isEmpty();
        uploading(SANDBOX.api.upload(TOKEN, COUNTER, CSV));
        assertThat(SANDBOX.sandbox.uploadings()).hasSize(1);
    }

    @Test
    void timeoutThenSuccessOnRetry() {
        SANDBOX.sandbox.failures().next(Endpoint.UPLOAD, Failure.timeout(), 2);
        assertError(SANDBOX.api.upload(TOKEN, COUNTER, CSV), 504, "timeout");
        assertError(SANDBOX.api.upload(TOKEN, COUNTER, CSV), 504, "timeout");
        uploading(SANDBOX.api.upload(TOKEN, COUNTER, CSV));
        assertThat(SANDBOX.sandbox.received().summary())
                .containsEntry("UPLOAD 504", 2L).containsEntry("UPLOAD 200", 1L);
    }

    @Test
    void readEndpointsFailToo() {
        SANDBOX.sandbox.failures().next(Endpoint.GET_UPLOADING, Failure.backendError())
                .always(Endpoint.LIST_UPLOADINGS, Failure.timeout());
        long id = uploading(SANDBOX.api.upload(TOKEN, COUNTER, CSV)).path("id").asLong();
        assertError(SANDBOX.api.status(TOKEN, COUNTER, id), 503, "backend_error");
        assertThat(SANDBOX.api.status(TOKEN, COUNTER, id).status()).isEqualTo(200);
        assertError(SANDBOX.api.list(TOKEN, COUNTER, ""), 504, "timeout");
        assertError(SANDBOX.api.list(TOKEN, COUNTER, ""), 504, "timeout");
        SANDBOX.sandbox.failures().clear();
        assertThat(SANDBOX.api.list(TOKEN, COUNTER, "").status()).isEqualTo(200);
    }

    @Test
    void storeThenTimeoutKeepsTheUploadThatTheListShows() {
        SANDBOX.sandbox.failures().next(Endpoint.UPLOAD, Failure.storeThenTimeout());
        assertError(SANDBOX.api.upload(TOKEN, COUNTER, "?comment=batch-42", CSV), 504, "timeout");

        JsonNode list = SANDBOX.api.list(TOKEN, COUNTER, "").json().path("uploadings");
        assertThat(list).hasSize(1);
        assertThat(list.get(0).path("comment").asText()).isEqualTo("batch-42");
        assertThat(list.get(0).path("status").asText()).isEqualTo("UPLOADED");
        assertThat(SANDBOX.sandbox.received().uploads()).singleElement()
                .satisfies(upload -> assertThat(upload.comment()).contains("batch-42"));
    }

    @Test
    void storeThenDelayOutlastsTheClientButTheUploadExists() {
        SANDBOX.sandbox.failures().next(Endpoint.UPLOAD, Failure.storeThenDelay(HELD));
        assertThat(uploadAnsweredInTime("?comment=batch-43")).isFalse();

        JsonNode list = SANDBOX.api.list(TOKEN, COUNTER, "").json().path("uploadings");
        assertThat(list).singleElement().satisfies(u -> assertThat(u.path("comment").asText()).isEqualTo("batch-43"));
        SANDBOX.sandbox.releaseDelayedAnswers();
        SANDBOX.sandbox.received().await(WAIT, traffic -> traffic.count(Endpoint.UPLOAD) == 1);
        assertThat(SANDBOX.sandbox.received().count(Endpoint.UPLOAD, 200)).isEqualTo(1);
    }

    @Test
    void aSlowAnswerStoresNothingWhenTheClientHasGone() {
        SANDBOX.sandbox.failures().next(Endpoint.UPLOAD, Failure.slow(HELD));
        assertThat(uploadAnsweredInTime("")).isFalse();
        SANDBOX.sandbox.received().await(WAIT,
                traffic -> traffic.count(Endpoint.UPLOAD, RequestRecord.CLIENT_CLOSED) == 1);

        SANDBOX.sandbox.releaseDelayedAnswers();
        SANDBOX.sandbox.received().await(WAIT, traffic -> traffic.held() == 0);
        assertThat(SANDBOX.sandbox.uploadings()).isEmpty();
        assertThat(SANDBOX.sandbox.received().count(Endpoint.UPLOAD)).isEqualTo(1);
    }

    @Test
    void aSlowAnswerIsHandledNormallyForAPatientClient() {
        SANDBOX.sandbox.failures().next(Endpoint.UPLOAD, Failure.slow(Duration.ofMillis(200)));
        CompletableFuture<Http.Response> upload = CompletableFuture.supplyAsync(
                () -> SANDBOX.api.upload(TOKEN, COUNTER, CSV));
        assertThat(uploading(upload.join()).path("status").asText()).isEqualTo("UPLOADED");
        assertThat(SANDBOX.sandbox.uploadings()).hasSize(1);
        assertThat(SANDBOX.sandbox.received().held()).isZero();
    }

    /** An upload by a client that gives up after {@link #CLIENT_TIMEOUT}. */
    private static boolean uploadAnsweredInTime(String query) {
        HttpRequest.Builder request = SANDBOX.api.uploadRequest(TOKEN, COUNTER, query,
                List.of(MetricaApi.Part.csvFile(CSV)));
        return MetricaApi.answeredWithin(request, CLIENT_TIMEOUT);
    }
}
