package org.metricagateway.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.metricagateway.sandbox.MetricaAssertions.assertError;
import static org.metricagateway.sandbox.MetricaAssertions.uploading;
import static org.metricagateway.sandbox.RunningSandbox.COUNTER;
import static org.metricagateway.sandbox.RunningSandbox.EXPIRED_TOKEN;
import static org.metricagateway.sandbox.RunningSandbox.LOGIN;
import static org.metricagateway.sandbox.RunningSandbox.READ_TOKEN;
import static org.metricagateway.sandbox.RunningSandbox.STRANGER_TOKEN;
import static org.metricagateway.sandbox.RunningSandbox.TOKEN;
import static org.metricagateway.sandbox.RunningSandbox.UNSEEDED_COUNTER;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.metricagateway.support.Http;

class SandboxAuthTest {
    @RegisterExtension
    static final RunningSandbox SANDBOX = new RunningSandbox();
    private static final String CSV = RunningSandbox.ONE_ROW_CSV;

    @Test
    void missingOrMalformedAuthorizationIs401() {
        assertError(SANDBOX.api.upload(null, COUNTER, CSV), 401, "unauthorized");
        for (String header : List.of("Bearer " + TOKEN, TOKEN, "OAuth", "OAuth   ")) {
            Http.Response response = Http.send(SANDBOX.api.uploadRequest(null, COUNTER, "",
                    List.of(MetricaApi.Part.csvFile(CSV))).header("Authorization", header));
            assertError(response, 401, "unauthorized");
        }
        assertThat(SANDBOX.sandbox.received().uploads()).isEmpty();
        assertThat(SANDBOX.sandbox.received().count(Endpoint.UPLOAD, "unauthorized")).isEqualTo(5);
    }

    @Test
    void theTokenAsAQueryParameterIsNotAccepted() {
        Http.Response response = SANDBOX.api.upload(null, COUNTER, "?oauth_token=" + TOKEN, CSV);
        assertError(response, 401, "unauthorized");
    }

    @Test
    void unknownOrExpiredTokenIs403InvalidToken() {
        for (String token : List.of("no-such-token", EXPIRED_TOKEN)) {
            var json = assertError(SANDBOX.api.upload(token, COUNTER, CSV), 403, "invalid_token");
            assertThat(json.path("message").asText()).isEqualTo("Invalid oauth_token");
            assertError(SANDBOX.api.list(token, COUNTER, ""), 403, "invalid_token");
        }
    }

    @Test
    void aReadOnlyTokenCannotUploadButCanRead() {
        var json = assertError(SANDBOX.api.upload(READ_TOKEN, COUNTER, CSV), 403, "access_denied");
        assertThat(json.path("message").asText()).isEqualTo("Access is denied");
        assertThat(SANDBOX.api.list(READ_TOKEN, COUNTER, "").status()).isEqualTo(200);
    }

    @Test
    void anUploadTokenCanReadUnlessTheReadScopeIsRequired() {
        assertThat(SANDBOX.api.list(TOKEN, COUNTER, "").status()).isEqualTo(200);
        SANDBOX.sandbox.switches().readRequiresReadScope(true);
        assertError(SANDBOX.api.list(TOKEN, COUNTER, ""), 403, "access_denied");
        assertThat(SANDBOX.api.list(READ_TOKEN, COUNTER, "").status()).isEqualTo(200);
    }

    @Test
    void aLoginWithoutRightsOnTheCounterIs403AccessDenied() {
        assertError(SANDBOX.api.upload(STRANGER_TOKEN, COUNTER, CSV), 403, "access_denied");
        assertError(SANDBOX.api.list(STRANGER_TOKEN, COUNTER, ""), 403, "access_denied");
        SANDBOX.sandbox.seed().counter(COUNTER).grant("stranger");
        assertThat(SANDBOX.api.upload(STRANGER_TOKEN, COUNTER, CSV).status()).isEqualTo(200);
    }

    @Test
    void anUnknownCounterIs403OrWithTheSwitch404() {
        assertError(SANDBOX.api.upload(TOKEN, UNSEEDED_COUNTER, CSV), 403, "access_denied");
        SANDBOX.sandbox.switches().unknownCounterNotFound(true);
        assertError(SANDBOX.api.upload(TOKEN, UNSEEDED_COUNTER, CSV), 404, "not_found");
    }

    @Test
    void aCounterIdThatIsNotAnInt32Is400() {
        Http.Response response = Http.send(Http.request(SANDBOX.sandbox.baseUrl()
                + "/management/v1/counter/abc/offline_conversions/uploadings")
                .header("Authorization", "OAuth " + TOKEN));
        assertError(response, 400, "invalid_parameter");
    }

    @Test
    void theSchemeIsCaseInsensitiveAndTheTokenIsNeverEchoedOrPrinted() {
        Http.Response response = Http.send(SANDBOX.api.uploadRequest(null, COUNTER, "?comment=c1",
                List.of(MetricaApi.Part.csvFile(CSV))).header("Authorization", "oauth " + TOKEN));
        uploading(response);
        assertThat(response.body()).doesNotContain(TOKEN);
        ReceivedUpload upload = SANDBOX.sandbox.received().uploads().get(0);
        assertThat(upload.authorizedWith(TOKEN)).isTrue();
        assertThat(upload.authorizedWith(TOKEN + "x")).isFalse();
        assertThat(upload.login()).isEqualTo(LOGIN);
        assertThat(upload.headers()).doesNotContainKey("authorization").containsKey("content-type");
        assertThat(upload.toString()).doesNotContain(TOKEN);
        assertThat(SANDBOX.sandbox.received().requests().toString()).doesNotContain(TOKEN);
    }

    @Test
    void unknownPathsAre404InTheEnvelope() {
        Http.Response response = Http.send(Http.request(SANDBOX.sandbox.baseUrl() + "/management/v1/counters"));
        assertError(response, 404, "not_found");
    }
}
