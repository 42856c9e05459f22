package org.metricagateway.bitrix24;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.metricagateway.support.AdminApi;
import org.metricagateway.support.Deadline;
import org.metricagateway.support.Http;
import org.metricagateway.support.Ports;
import org.metricagateway.support.Sql;
import org.metricagateway.support.TestGateway;

/**
 * bitrix24.fetch-max-attempts bounds the retries of a portal that keeps failing: a gateway of its own (and its
 * own database, so that the suite's gateway, with its own bounds, never claims these fetches) allows two.
 */
class Bitrix24RetryBoundsTest {
    private static TestGateway gateway;
    private static FakeBitrix24 portal;

    @BeforeAll
    static void start() {
        gateway = TestGateway.start(Map.of("bitrix24.fetch-max-attempts", "2"));
        portal = FakeBitrix24.onPort(Ports.free()).start();
    }

    @AfterAll
    static void stop() {
        portal.stop();
        gateway.stop();
    }

    @Test
    void aPortalThatKeepsFailingLeavesTheFetchFailedAfterTheLastAttempt() {
        portal.deal(Bitrix24Payloads.wonDeal(201));
        portal.failNext(503, 503, 503, 503);
        JsonNode webhook = call(Http.request(gateway.baseUrl() + "/api/webhooks").header("Content-Type",
                "application/json").POST(HttpRequest.BodyPublishers.ofString(Http.json(AdminApi.body("name",
                "b24-bounds", "counter_id", 24024, "format", "bitrix24",
                "settings", Bitrix24AdapterTest.Bitrix24Webhook.settings(portal.restUrl()))))), 201);
        String id = webhook.get("id").asText();
        call(Http.request(gateway.baseUrl() + "/api/webhooks/" + id + "/rotate-secret")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        Http.json(Map.of("secret", Bitrix24Payloads.APPLICATION_TOKEN)))), 200);

        Http.Response accepted = Http.send(Http.request(gateway.baseUrl() + webhook.get("ingest_path").asText())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(Bitrix24Payloads.event("ONCRMDEALUPDATE", 201,
                        Bitrix24Payloads.APPLICATION_TOKEN))));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);

        String fetches = "/api/webhooks/" + id + "/bitrix24-fetches?status=failed";
        Deadline.within(Duration.ofSeconds(20)).until(() ->
                call(Http.request(gateway.baseUrl() + fetches).GET(), 200).get("fetches").size() == 1);
        JsonNode failed = call(Http.request(gateway.baseUrl() + fetches).GET(), 200).get("fetches").get(0);
        assertThat(failed.get("attempts").asInt()).isEqualTo(2);
        assertThat(failed.get("last_error_type").asText()).isEqualTo("gave_up");
        assertThat(failed.get("last_error_message").asText()).contains("rate_limited").contains("2 attempts");
        assertThat(Sql.rows(gateway, "SELECT state FROM webhook_requests WHERE id = ?",
                failed.get("request_id").asLong()).get(0)).containsEntry("state", "failed");
    }

    private static JsonNode call(HttpRequest.Builder request, int expectedStatus) {
        Http.Response response = Http.send(request.header("Authorization", "Bearer " + TestGateway.ADMIN_TOKEN));
        assertThat(response.status()).as(response.toString()).isEqualTo(expectedStatus);
        return response.json();
    }
}
