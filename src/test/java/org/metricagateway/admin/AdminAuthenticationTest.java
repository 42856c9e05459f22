package org.metricagateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.metricagateway.support.AdminApi;
import org.metricagateway.support.Http;
import org.metricagateway.support.Ingest;
import org.metricagateway.support.Sql;
import org.metricagateway.support.TestGateway;
import org.metricagateway.support.Webhooks;

/** Every admin endpoint refuses a request without the admin token, and does nothing for it. */
class AdminAuthenticationTest {
    /** Authorization headers that must not get in: none, a wrong token, the token without the Bearer scheme. */
    private static final List<Optional<String>> REFUSED_CREDENTIALS = List.of(
            Optional.empty(),
            Optional.of("Bearer " + TestGateway.ADMIN_TOKEN + "x"),
            Optional.of("Bearer " + TestGateway.ADMIN_TOKEN.substring(1)),
            Optional.of(TestGateway.ADMIN_TOKEN),
            Optional.of("Basic " + TestGateway.ADMIN_TOKEN));

    private static Webhooks.CreatedWebhook webhook;
    private static long conversionId;

    @BeforeAll
    static void createWebhookWithConversion() {
        webhook = Webhooks.create("auth-test", 1001, "purchase");
        Http.Response stored = Ingest.post(webhook.ingestUrl(), webhook.secret(),
                Ingest.conversion(4242));
        assertThat(stored.status()).as(stored.toString()).isEqualTo(202);
        conversionId = stored.json().get("ids").get(0).asLong();
    }

    static Stream<Arguments> endpoints() {
        String id = webhook.id();
        String change = Http.json(Map.of("name", "renamed-without-token"));
        String create = Http.json(Map.of("name", "created-without-token", "counter_id", 1));
        return Stream.of(
                Arguments.of("POST", "/api/webhooks", create),
                Arguments.of("GET", "/api/webhooks", null),
                Arguments.of("GET", "/api/webhooks/" + id, null),
                Arguments.of("PATCH", "/api/webhooks/" + id, change),
                Arguments.of("DELETE", "/api/webhooks/" + id, null),
                Arguments.of("POST", "/api/webhooks/" + id + "/rotate-secret", null),
                Arguments.of("GET", "/api/webhooks/" + id + "/conversions", null),
                Arguments.of("GET", "/api/conversions/" + conversionId, null));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("endpoints")
    void refusesEveryEndpointWithoutTheToken(String method, String path, String body) {
        for (Optional<String> credentials : REFUSED_CREDENTIALS) {
            HttpRequest.Builder request = AdminApi.unauthenticated(path);
            credentials.ifPresent(value -> request.header("Authorization", value));
            Http.Response response = send(request, method, body);
            assertThat(response.status()).as(credentials + " → " + response).isEqualTo(401);
            assertThat(response.json().get("error").asText()).isEqualTo("unauthorized");
        }
    }

    @Test
    void refusedRequestsChangeNothing() {
        for (Arguments endpoint : endpoints().toList()) {
            Object[] call = endpoint.get();
            refusesEveryEndpointWithoutTheToken((String) call[0], (String) call[1], (String) call[2]);
        }
        Map<String, Object> row = Sql.row("SELECT name, active, secret_rotated_at FROM webhooks WHERE id = ?::uuid",
                webhook.id()).orElseThrow();
        assertThat(row.get("name")).isEqualTo("auth-test");
        assertThat(row.get("active")).isEqualTo(true);
        assertThat(row.get("secret_rotated_at")).isNull();
        assertThat(Sql.value("SELECT count(*) FROM webhooks WHERE name = 'created-without-token'")).isEqualTo(0L);
    }

    @Test
    void acceptsTheSchemeInAnyCase() {
        Http.Response response = Http.send(AdminApi.unauthenticated("/api/webhooks/" + webhook.id())
                .header("Authorization", "bearer " + TestGateway.ADMIN_TOKEN).GET());
        assertThat(response.status()).isEqualTo(200);
    }

    @Test
    void neverEchoesRequestHeaders() {
        Http.Response ok = Http.send(AdminApi.request("/api/webhooks/" + webhook.id())
                .header("X-Echo-Check", "do-not-echo").GET());
        Http.Response refused = Http.send(AdminApi.unauthenticated("/api/webhooks/" + webhook.id())
                .header("Authorization", "Bearer wrong-token").header("X-Echo-Check", "do-not-echo").GET());
        for (Http.Response response : List.of(ok, refused)) {
            assertThat(response.headers().map().keySet()).map(String::toLowerCase)
                    .doesNotContain("authorization", "x-echo-check");
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        }
    }

    private static Http.Response send(HttpRequest.Builder request, String method, String body) {
        HttpRequest.BodyPublisher publisher = body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body);
        return Http.send(request.header("Content-Type", "application/json").method(method, publisher));
    }
}
