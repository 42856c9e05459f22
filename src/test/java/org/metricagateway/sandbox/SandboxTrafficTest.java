package org.metricagateway.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.metricagateway.sandbox.MetricaAssertions.uploading;
import static org.metricagateway.sandbox.RunningSandbox.AN_HOUR_AGO;
import static org.metricagateway.sandbox.RunningSandbox.CLIENT_ID;
import static org.metricagateway.sandbox.RunningSandbox.COUNTER;
import static org.metricagateway.sandbox.RunningSandbox.GOAL;
import static org.metricagateway.sandbox.RunningSandbox.LOGIN;
import static org.metricagateway.sandbox.RunningSandbox.NOW;
import static org.metricagateway.sandbox.RunningSandbox.OTHER_COUNTER;
import static org.metricagateway.sandbox.RunningSandbox.TOKEN;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Java API a test of the sender reads: what was received, request counts, waiting, reset. */
class SandboxTrafficTest {
    @RegisterExtension
    static final RunningSandbox SANDBOX = new RunningSandbox();
    private static final String CSV = MetricaApi.csv("ClientId,Target,DateTime,Price,Currency",
            CLIENT_ID + "," + GOAL + "," + AN_HOUR_AGO + ",1999.90,RUB",
            "bad," + GOAL + "," + AN_HOUR_AGO + ",,");
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void aListenerHearsOfEveryAcceptedUploadBeforeItIsAnswered() {
        List<ReceivedUpload> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        MetricaSandbox own = MetricaSandbox.builder().onUpload(heard::add).build().start();
        try {
            own.seed().permissive("listener-token");
            uploading(new MetricaApi(own.baseUrl()).upload("listener-token", COUNTER, "?comment=listened-1",
                    RunningSandbox.ONE_ROW_CSV));
            assertThat(heard).singleElement().satisfies(upload -> {
                assertThat(upload.comment()).contains("listened-1");
                assertThat(upload.rows()).extracting(row -> row.get("clientid")).containsExactly(CLIENT_ID);
            });
        } finally {
            own.stop();
        }
    }

    @Test
    void anAcceptedUploadIsReadBackAsSent() {
        long id = uploading(SANDBOX.api.upload(TOKEN, COUNTER, "?comment=batch-1&type=BASIC&client_id_type=CLIENT_ID",
                CSV)).path("id").asLong();

        ReceivedUpload upload = SANDBOX.sandbox.received().uploads().get(0);
        assertThat(upload.uploadingId()).isEqualTo(id);
        assertThat(upload.counterId()).isEqualTo(COUNTER);
        assertThat(upload.login()).isEqualTo(LOGIN);
        assertThat(upload.receivedAt()).isEqualTo(NOW);
        assertThat(upload.comment()).contains("batch-1");
        assertThat(upload.typeParameter()).contains("BASIC");
        assertThat(upload.clientIdTypeParameter()).contains("CLIENT_ID");
        assertThat(upload.fileName()).contains("data.csv");
        assertThat(upload.partContentType()).contains("text/csv");
        assertThat(upload.headers().get("content-type")).startsWith("multipart/form-data; boundary=");
        assertThat(upload.csv()).isEqualTo(CSV);
        assertThat(upload.rows()).containsExactly(
                Map.of("clientid", CLIENT_ID, "target", GOAL, "datetime", Long.toString(AN_HOUR_AGO),
                        "price", "1999.90", "currency", "RUB"),
                Map.of("clientid", "bad", "target", GOAL, "datetime", Long.toString(AN_HOUR_AGO),
                        "price", "", "currency", ""));
        assertThat(upload.sourceQuantity()).isEqualTo(2);
        assertThat(upload.lineQuantity()).isEqualTo(1);
        assertThat(SANDBOX.sandbox.received().uploads(OTHER_COUNTER)).isEmpty();
    }

    @Test
    void requestsAreCountedByEndpointAndOutcome() {
        uploading(SANDBOX.api.upload(TOKEN, COUNTER, CSV));
        SANDBOX.api.upload("wrong", COUNTER, CSV);
        SANDBOX.api.upload(TOKEN, COUNTER, "");
        SANDBOX.api.list(TOKEN, COUNTER, "");

        ReceivedTraffic received = SANDBOX.sandbox.received();
        assertThat(received.count(Endpoint.UPLOAD)).isEqualTo(3);
        assertThat(received.count(Endpoint.UPLOAD, 200)).isEqualTo(1);
        assertThat(received.count(Endpoint.UPLOAD, 400)).isEqualTo(1);
        assertThat(received.count(Endpoint.UPLOAD, "invalid_token")).isEqualTo(1);
        assertThat(received.count(Endpoint.LIST_UPLOADINGS, 200)).isEqualTo(1);
        assertThat(received.summary()).containsExactlyEntriesOf(new TreeMap<>(Map.of(
                "LIST_UPLOADINGS 200", 1L, "UPLOAD 200", 1L, "UPLOAD 400", 1L, "UPLOAD 403", 1L)));
        RequestRecord refused = received.requests().get(1);
        assertThat(refused.login()).isEmpty();
        assertThat(refused.counterId()).isEmpty();
        assertThat(refused.errorType()).contains("invalid_token");
        assertThat(received.requests().get(0).login()).contains(LOGIN);
        assertThat(received.requests().get(0).counterId()).contains(COUNTER);
        assertThat(received.inFlight()).isZero();
    }

    @Test
    void awaitWakesWhenAnUploadArrives() {
        CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> SANDBOX.api.upload(TOKEN, COUNTER, CSV));
        List<ReceivedUpload> uploads = SANDBOX.sandbox.received().awaitUploads(1, WAIT);
        assertThat(uploads).hasSize(1);
        sender.join();
    }

    @Test
    void awaitFailsWithWhatWasReceived() {
        SANDBOX.api.upload(null, COUNTER, CSV);
        assertThatThrownBy(() -> SANDBOX.sandbox.received().awaitUploads(1, Duration.ofMillis(50)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("UPLOAD 401=1");
    }

    @Test
    void resetForgetsEverythingButKeepsIdsIncreasing() {
        long first = uploading(SANDBOX.api.upload(TOKEN, COUNTER, CSV)).path("id").asLong();
        SANDBOX.sandbox.switches().stickInUploaded(true);
        SANDBOX.sandbox.failures().always(Endpoint.LIST_UPLOADINGS, Failure.backendError());
        SANDBOX.sandbox.reset();

        assertThat(SANDBOX.sandbox.uploadings()).isEmpty();
        assertThat(SANDBOX.sandbox.received().requests()).isEmpty();
        assertThat(SANDBOX.sandbox.received().uploads()).isEmpty();
        assertThat(SANDBOX.sandbox.switches().stickInUploaded()).isFalse();
        assertThat(SANDBOX.api.upload(TOKEN, COUNTER, CSV).status()).isEqualTo(403);

        SANDBOX.sandbox.seed().token(TOKEN, LOGIN, Scope.WRITE).counter(COUNTER).grant(LOGIN);
        assertThat(SANDBOX.api.list(TOKEN, COUNTER, "").status()).isEqualTo(200);
        assertThat(uploading(SANDBOX.api.upload(TOKEN, COUNTER, CSV)).path("id").asLong()).isGreaterThan(first);
    }

    @Test
    void theJavaViewOfUploadsMatchesTheApi() {
        long older = uploading(SANDBOX.api.upload(TOKEN, COUNTER, "?comment=older", CSV)).path("id").asLong();
        long newer = uploading(SANDBOX.api.upload(TOKEN, OTHER_COUNTER, CSV)).path("id").asLong();
        SANDBOX.processAll();

        assertThat(SANDBOX.sandbox.uploadings()).extracting(UploadingState::id).containsExactly(newer, older);
        UploadingState state = SANDBOX.sandbox.uploading(older).orElseThrow();
        assertThat(state.is(UploadingStatus.PROCESSED)).isTrue();
        assertThat(state.comment()).contains("older");
        assertThat(state.clientIdType()).contains(IdentifierType.CLIENT_ID);
        assertThat(state.linkage()).contains(new Linkage(1, 0, 0, 0));
        assertThat(SANDBOX.sandbox.uploading(newer).orElseThrow().is(UploadingStatus.LINKAGE_FAILURE)).isTrue();
    }

    /** What camel-http sends: HttpClient 5's MultipartEntityBuilder, with and without its charset parameter. */
    @Test
    void acceptsWhatHttpClient5Sends() throws IOException {
        try (CloseableHttpClient client = HttpClients.createDefault()) {
            for (boolean plainContentType : List.of(true, false)) {
                MultipartEntityBuilder builder = MultipartEntityBuilder.create()
                        .addBinaryBody("file", CSV.getBytes(StandardCharsets.UTF_8), ContentType.create("text/csv"),
                                "batch.csv");
                if (plainContentType) {
                    builder.setContentType(ContentType.create("multipart/form-data"));
                }
                HttpPost post = new HttpPost(SANDBOX.api.counterUrl(COUNTER) + "/upload?comment=hc5");
                post.setHeader("Authorization", "OAuth " + TOKEN);
                post.setEntity(builder.build());
                JsonNode answer = client.execute(post, response -> {
                    assertThat(response.getCode()).isEqualTo(200);
                    return new ObjectMapper().readTree(EntityUtils.toString(response.getEntity()));
                });
                assertThat(answer.path("uploading").path("line_quantity").asInt()).isEqualTo(1);
            }
        }
        assertThat(SANDBOX.sandbox.received().uploads()).extracting(ReceivedUpload::fileName)
                .containsOnly(Optional.of("batch.csv"));
    }
}
