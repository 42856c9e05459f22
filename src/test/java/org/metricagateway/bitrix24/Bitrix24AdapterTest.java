package org.metricagateway.bitrix24;

import static org.assertj.core.api.Assertions.assertThat;
import static org.metricagateway.support.ApiAssertions.assertError;
import static org.metricagateway.support.ApiAssertions.assertStatus;

import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.metricagateway.support.AdminApi;
import org.metricagateway.support.Deadline;
import org.metricagateway.support.Http;
import org.metricagateway.support.Metrics;
import org.metricagateway.support.Ports;
import org.metricagateway.support.Sql;
import org.metricagateway.support.TestGateway;

/**
 * The Bitrix24 adapter over real HTTP into the real database: events posted the way Bitrix24's outbound webhook
 * posts them, deals read from a fake portal ({@link FakeBitrix24}) through the fetch schedule, which the suite's
 * gateway runs every 100 ms with short backoffs (TestGateway).
 */
class Bitrix24AdapterTest {
    private static final Deadline SOON = Deadline.within(Duration.ofSeconds(20));
    private static FakeBitrix24 portal;

    @BeforeAll
    static void startPortal() {
        portal = FakeBitrix24.onPort(Ports.free()).start();
    }

    @AfterAll
    static void stopPortal() {
        portal.stop();
    }

    @Test
    void wonDealBecomesOneConversionLinkedToItsStoredEvent() {
        Bitrix24Webhook webhook = Bitrix24Webhook.create("b24-won", portal.restUrl());
        portal.deal(Bitrix24Payloads.wonDeal(101));

        JsonNode answer = assertStatus(webhook.post("ONCRMDEALUPDATE", 101), 202);
        assertThat(answer.get("pending").asInt()).isEqualTo(1);
        assertThat(answer.get("accepted").asInt()).isZero();

        Map<String, Object> fetch = webhook.awaitFetch(101, "done");
        assertThat(fetch.get("stage_id")).isEqualTo("WON");
        assertThat(fetch.get("attempts")).isEqualTo(1);
        Map<String, Object> conversion = Sql.row("SELECT * FROM webhook_conversions WHERE id = ?",
                fetch.get("conversion_id")).orElseThrow();
        assertThat(conversion.get("client_id")).isEqualTo(new BigDecimal(Bitrix24Payloads.CLIENT_ID));
        assertThat(conversion.get("target")).isEqualTo("deal_won");
        assertThat(conversion.get("external_id")).isEqualTo("bitrix24:101:WON");
        assertThat((BigDecimal) conversion.get("price")).isEqualByComparingTo("15000");
        assertThat(conversion.get("currency")).isEqualTo("RUB");
        assertThat(conversion.get("request_id")).isEqualTo(fetch.get("request_id"));

        Map<String, Object> request = Sql.row("SELECT * FROM webhook_requests WHERE id = ?",
                fetch.get("request_id")).orElseThrow();
        assertThat(request.get("state")).isEqualTo("processed");
        assertThat((String) request.get("body")).contains("ONCRMDEALUPDATE").contains("example.bitrix24.ru")
                .doesNotContain(Bitrix24Payloads.APPLICATION_TOKEN);
    }

    @Test
    void wrongApplicationTokenIs401AndStoresNothing() {
        Bitrix24Webhook webhook = Bitrix24Webhook.create("b24-wrong-token", portal.restUrl());
        Http.Response response = webhook.post("ONCRMDEALUPDATE", 102, "not-the-application-token-0000000");
        assertError(response, 401, "invalid_secret");
        assertThat(webhook.fetchCount()).isZero();
        assertThat(Sql.value("SELECT count(*) FROM webhook_requests WHERE webhook_id = ?::uuid", webhook.id()))
                .isEqualTo(0L);
    }

    @Test
    void portalFailingThenAnsweringDelaysTheConversionAndRecordsTheAttempts() {
        Bitrix24Webhook webhook = Bitrix24Webhook.create("b24-flaky", portal.restUrl());
        portal.deal(Bitrix24Payloads.wonDeal(103));
        portal.failNext(503, 500);

        assertStatus(webhook.post("ONCRMDEALUPDATE", 103), 202);

        Map<String, Object> fetch = webhook.awaitFetch(103, "done");
        assertThat(fetch.get("attempts")).isEqualTo(3);
        assertThat(fetch.get("conversion_id")).isNotNull();
        assertThat(portal.requestedDeals()).containsSubsequence("103", "103", "103");
    }

    @Test
    void unreachablePortalKeepsTheFetchPendingAndVisibleUntilItAnswers() {
        FakeBitrix24 down = FakeBitrix24.onPort(Ports.free());
        Bitrix24Webhook webhook = Bitrix24Webhook.create("b24-down", down.restUrl());
        down.deal(Bitrix24Payloads.wonDeal(104));
        try {
            assertStatus(webhook.post("ONCRMDEALADD", 104), 202);

            SOON.until(() -> {
                JsonNode fetches = webhook.fetches("pending");
                return fetches.size() == 1 && fetches.get(0).path("attempts").asInt() >= 2;
            });
            JsonNode pending = webhook.fetches("pending").get(0);
            assertThat(pending.get("last_error_type").asText()).isEqualTo("connection_refused");
            assertThat(pending.get("deal_id").asLong()).isEqualTo(104);
            assertThat(pending.get("event").asText()).isEqualTo("ONCRMDEALADD");
            assertThat(pending.has("next_attempt_at")).isTrue();
            assertThat(Sql.value("SELECT state FROM webhook_requests WHERE id = ?",
                    pending.get("request_id").asLong())).isEqualTo("pending");
            assertThat(metrics())
                    .containsPattern("gateway_bitrix24_fetch_outcomes_total\\{.*outcome=\"retried\".*} [1-9]");
            SOON.until(() -> metrics().matches("(?s).*gateway_bitrix24_fetches\\{status=\"pending\"} [1-9].*")
                    && !metrics().contains("gateway_bitrix24_oldest_pending_seconds 0.0"));

            down.start();
            Map<String, Object> fetch = webhook.awaitFetch(104, "done");
            assertThat(fetch.get("last_error_type")).isNull();
        } finally {
            down.stop();
        }
    }

    @Test
    void dealInAStageWithoutAGoalIsIgnoredAndCounted() {
        Bitrix24Webhook webhook = Bitrix24Webhook.create("b24-ignored", portal.restUrl());
        portal.deal(Bitrix24Payloads.withField(Bitrix24Payloads.wonDeal(105), "STAGE_ID", "PREPARATION"));

        assertStatus(webhook.post("ONCRMDEALUPDATE", 105), 202);

        Map<String, Object> fetch = webhook.awaitFetch(105, "ignored");
        assertThat(fetch.get("stage_id")).isEqualTo("PREPARATION");
        assertThat(fetch.get("conversion_id")).isNull();
        assertThat(webhook.conversionCount()).isZero();
        assertThat(Sql.row("SELECT state, ignored FROM webhook_requests WHERE id = ?", fetch.get("request_id"))
                .orElseThrow()).containsEntry("state", "processed").containsEntry("ignored", 1);
        assertThat(metrics()).containsPattern("gateway_bitrix24_fetch_outcomes_total\\{.*outcome=\"ignored\".*} [1-9]");
    }

    @Test
    void theSameDealUpdatedTwiceInOneStageIsOneConversion() {
        Bitrix24Webhook webhook = Bitrix24Webhook.create("b24-twice", portal.restUrl());
        portal.deal(Bitrix24Payloads.wonDeal(106));

        assertStatus(webhook.post("ONCRMDEALUPDATE", 106), 202);
        Map<String, Object> first = webhook.awaitFetch(106, "done");
        assertStatus(webhook.post("ONCRMDEALUPDATE", 106), 202);
        SOON.until(() -> webhook.fetchesInStatus("done") == 2);

        assertThat(webhook.conversionCount()).isEqualTo(1);
        assertThat(Sql.rows("SELECT conversion_id FROM bitrix24_fetches WHERE webhook_id = ?::uuid", webhook.id()))
                .allSatisfy(row -> assertThat(row.get("conversion_id")).isEqualTo(first.get("conversion_id")));
    }

    @Test
    void unknownDealFailsWithTheReasonAndCanBeRetried() {
        Bitrix24Webhook webhook = Bitrix24Webhook.create("b24-not-found", portal.restUrl());

        assertStatus(webhook.post("ONCRMDEALUPDATE", 107), 202);

        Map<String, Object> failed = webhook.awaitFetch(107, "failed");
        assertThat(failed.get("last_error_type")).isEqualTo("deal_not_found");
        assertThat(failed.get("attempts")).isEqualTo(1);
        assertThat(Sql.value("SELECT state FROM webhook_requests WHERE id = ?", failed.get("request_id")))
                .isEqualTo("failed");

        portal.deal(Bitrix24Payloads.wonDeal(107));
        JsonNode retried = assertStatus(AdminApi.post("/api/bitrix24-fetches/" + failed.get("id") + "/retry"), 202);
        assertThat(retried.get("status").asText()).isEqualTo("pending");
        assertThat(webhook.awaitFetch(107, "done").get("conversion_id")).isNotNull();
        assertError(AdminApi.post("/api/bitrix24-fetches/" + failed.get("id") + "/retry"), 409, "not_retryable");
        assertError(AdminApi.post("/api/bitrix24-fetches/999999999/retry"), 404, "not_found");
    }

    @Test
    void dealThatIsNotAValidConversionFailsWithEveryReason() {
        Bitrix24Webhook webhook = Bitrix24Webhook.create("b24-invalid", portal.restUrl());
        portal.deal(Bitrix24Payloads.withField(Bitrix24Payloads.withField(Bitrix24Payloads.wonDeal(108),
                Bitrix24Payloads.CLIENT_ID_FIELD, "GA1.2.1700000000.1700000000"), "OPPORTUNITY", "15000.123456"));

        assertStatus(webhook.post("ONCRMDEALUPDATE", 108), 202);

        Map<String, Object> failed = webhook.awaitFetch(108, "failed");
        assertThat(failed.get("last_error_type")).isEqualTo("validation_failed");
        assertThat((String) failed.get("last_error_message")).contains("client_id").contains("price");
        assertThat(webhook.conversionCount()).isZero();
    }

    @Test
    void wonDealWithoutAClientIdIsIgnoredWithTheReason() {
        Bitrix24Webhook webhook = Bitrix24Webhook.create("b24-no-client-id", portal.restUrl());
        portal.deal(Bitrix24Payloads.withField(Bitrix24Payloads.wonDeal(111), Bitrix24Payloads.CLIENT_ID_FIELD, ""));

        assertStatus(webhook.post("ONCRMDEALUPDATE", 111), 202);

        Map<String, Object> ignored = webhook.awaitFetch(111, "ignored");
        assertThat(ignored.get("last_error_type")).isEqualTo("no_identifier");
        assertThat(webhook.conversionCount()).isZero();
    }

    @Test
    void dealOfAnotherPipelineUsesItsOwnGoalAndAMissingPriceIsNoPrice() {
        Bitrix24Webhook webhook = Bitrix24Webhook.create("b24-pipeline", portal.restUrl());
        portal.deal(Bitrix24Payloads.withoutField(Bitrix24Payloads.withoutField(Bitrix24Payloads.withField(
                Bitrix24Payloads.wonDeal(112), "STAGE_ID", "C1:WON"), "OPPORTUNITY"), "MOVED_TIME"));

        assertStatus(webhook.post("ONCRMDEALUPDATE", 112), 202);

        Map<String, Object> conversion = Sql.row("SELECT * FROM webhook_conversions WHERE id = ?",
                webhook.awaitFetch(112, "done").get("conversion_id")).orElseThrow();
        assertThat(conversion).containsEntry("target", "wholesale_won").containsEntry("price", null)
                .containsEntry("currency", null).containsEntry("external_id", "bitrix24:112:C1:WON");
    }

    @Test
    void otherEventsAreAcknowledgedAsIgnored() {
        Bitrix24Webhook webhook = Bitrix24Webhook.create("b24-other-event", portal.restUrl());
        JsonNode answer = assertStatus(webhook.post("ONCRMDEALDELETE", 113), 202);
        assertThat(answer.get("ignored").asInt()).isEqualTo(1);
        assertThat(webhook.fetchCount()).isZero();
    }

    @Test
    void revokedRestWebhookFailsAsAccessDeniedWithoutTheUrlInTheReason() {
        String revoked = portal.restUrl().replace(FakeBitrix24.TOKEN, "revokedtoken0000");
        Bitrix24Webhook webhook = Bitrix24Webhook.create("b24-revoked", revoked);

        assertStatus(webhook.post("ONCRMDEALUPDATE", 109), 202);

        Map<String, Object> failed = webhook.awaitFetch(109, "failed");
        assertThat(failed.get("last_error_type")).isEqualTo("access_denied");
        assertThat((String) failed.get("last_error_message")).doesNotContain("revokedtoken0000");
    }

    @Test
    void eventThatNamesNoDealIsRefused() {
        Bitrix24Webhook webhook = Bitrix24Webhook.create("b24-no-deal", portal.restUrl());
        String body = Bitrix24Payloads.event("ONCRMDEALUPDATE", 110, Bitrix24Payloads.APPLICATION_TOKEN)
                .replace("data%5BFIELDS%5D%5BID%5D=110", "data%5BFIELDS%5D%5BID%5D=");
        assertError(webhook.postRaw(body), 422, "validation_failed");
        assertThat(webhook.fetchCount()).isZero();
    }

    @Test
    void previewOfAnEventStoresAndFetchesNothing() {
        Bitrix24Webhook webhook = Bitrix24Webhook.create("b24-preview", portal.restUrl());
        portal.deal(Bitrix24Payloads.wonDeal(114));

        JsonNode preview = assertStatus(Http.send(AdminApi.request("/api/webhooks/" + webhook.id() + "/preview")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(Bitrix24Payloads.event("ONCRMDEALUPDATE", 114,
                        Bitrix24Payloads.APPLICATION_TOKEN)))), 200);

        assertThat(preview.get("conversions").size()).isZero();
        assertThat(webhook.fetchCount()).isZero();
        assertThat(Sql.value("SELECT count(*) FROM webhook_requests WHERE webhook_id = ?::uuid", webhook.id()))
                .isEqualTo(0L);
        assertThat(portal.requestedDeals()).doesNotContain("114");
    }

    @Test
    void fetchListAnswersBadParametersWith422() {
        Bitrix24Webhook webhook = Bitrix24Webhook.create("b24-list", portal.restUrl());
        assertError(AdminApi.get("/api/webhooks/" + webhook.id() + "/bitrix24-fetches?status=lost"), 422,
                "validation_failed");
        assertError(AdminApi.get("/api/webhooks/00000000-0000-0000-0000-000000000000/bitrix24-fetches"), 404,
                "not_found");
    }

    private static String metrics() {
        return Metrics.scrape(TestGateway.get().managementUrl());
    }

    /** A bitrix24 webhook of the suite's gateway, its secret set to the application token Bitrix24 shows. */
    record Bitrix24Webhook(String id, String ingestUrl) {
        static Bitrix24Webhook create(String name, String restUrl) {
            JsonNode created = assertStatus(AdminApi.post("/api/webhooks", AdminApi.body(
                    "name", name, "counter_id", 24024, "format", "bitrix24", "settings", settings(restUrl))), 201);
            String id = created.get("id").asText();
            assertStatus(AdminApi.post("/api/webhooks/" + id + "/rotate-secret",
                    Map.of("secret", Bitrix24Payloads.APPLICATION_TOKEN)), 200);
            return new Bitrix24Webhook(id, TestGateway.get().baseUrl() + created.get("ingest_path").asText());
        }

        static Map<String, Object> settings(String restUrl) {
            return AdminApi.body("rest_url", restUrl,
                    "status_targets", Map.of("WON", "deal_won", "C1:WON", "wholesale_won"),
                    "client_id_field", Bitrix24Payloads.CLIENT_ID_FIELD,
                    "currency", "RUB");
        }

        Http.Response post(String event, long dealId) {
            return post(event, dealId, Bitrix24Payloads.APPLICATION_TOKEN);
        }

        Http.Response post(String event, long dealId, String token) {
            return postRaw(Bitrix24Payloads.event(event, dealId, token));
        }

        Http.Response postRaw(String form) {
            return Http.send(Http.request(ingestUrl)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)));
        }

        /** Waits until the (latest) fetch of this deal has this status, and gives its row. */
        Map<String, Object> awaitFetch(long dealId, String status) {
            SOON.until(() -> fetch(dealId).map(f -> status.equals(f.get("status"))).orElse(false));
            return fetch(dealId).orElseThrow();
        }

        Optional<Map<String, Object>> fetch(long dealId) {
            return Sql.rows("SELECT * FROM bitrix24_fetches WHERE webhook_id = ?::uuid AND deal_id = ?"
                    + " ORDER BY id DESC LIMIT 1", id, dealId).stream().findFirst();
        }

        JsonNode fetches(String status) {
            return assertStatus(AdminApi.get("/api/webhooks/" + id + "/bitrix24-fetches?status=" + status), 200)
                    .get("fetches");
        }

        long fetchCount() {
            return (Long) Sql.value("SELECT count(*) FROM bitrix24_fetches WHERE webhook_id = ?::uuid", id);
        }

        long fetchesInStatus(String status) {
            return (Long) Sql.value("SELECT count(*) FROM bitrix24_fetches WHERE webhook_id = ?::uuid"
                    + " AND status = ?", id, status);
        }

        long conversionCount() {
            return (Long) Sql.value("SELECT count(*) FROM webhook_conversions WHERE webhook_id = ?::uuid", id);
        }
    }
}
