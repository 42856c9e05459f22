package org.metricagateway.bitrix24;

import static org.assertj.core.api.Assertions.assertThat;
import static org.metricagateway.support.ApiAssertions.assertStatus;
import static org.metricagateway.support.ApiAssertions.assertViolations;
import static org.metricagateway.support.ApiAssertions.violation;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.metricagateway.support.AdminApi;
import org.metricagateway.support.Http;

/** A Bitrix24 webhook's settings are checked when it is created or changed; its REST URL never comes back. */
class Bitrix24SettingsTest {
    private static final String REST_URL = "https://example.bitrix24.ru/rest/1/k3h9x0qz2v8r1m5t/";
    private static final String REST_URL_MESSAGE = "must be an absolute https URL such as"
            + " https://example.bitrix24.ru/rest/1/abc123/ (http only to a loopback address)";

    @Test
    void everyBadSettingIsNamedAtCreationAndNothingIsStored() {
        Http.Response response = create(AdminApi.body(
                "rest_url", "http://example.bitrix24.ru/rest/1/k3h9x0qz2v8r1m5t/",
                "status_targets", Map.of(),
                "currency", "RUBLES",
                "colour", "red"));

        assertViolations(response,
                violation("settings.client_id_field", "at least one of client_id_field, yclid_field, user_id_field"
                        + " is required"),
                violation("settings.colour", "is not a known field"),
                violation("settings.currency", "must be an ISO 4217 currency code such as RUB or USD"),
                violation("settings.rest_url", REST_URL_MESSAGE),
                violation("settings.status_targets", "must map 1 to 1000 statuses (non-blank, at most 255"
                        + " characters, no control characters) to goal identifiers (the same rule)"));
        assertThat(response.body()).doesNotContain("k3h9x0qz2v8r1m5t");
    }

    @Test
    void missingSettingsAreRefused() {
        Http.Response response = AdminApi.post("/api/webhooks", AdminApi.body(
                "name", "b24-no-settings", "counter_id", 24024, "format", "bitrix24"));
        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().get("violations").toString()).contains("settings.rest_url")
                .contains("settings.status_targets");
    }

    @Test
    void urlsThatCannotBeARestWebhookAreRefused() {
        for (String url : new String[] {"example.bitrix24.ru/rest/1/abc/", "ftp://example.bitrix24.ru/rest/1/abc/",
                "https://example.bitrix24.ru/rest/1/abc/?x=1", "https://user:pw@example.bitrix24.ru/rest/1/abc/",
                "http://localhost:8080/rest/1/abc/", "not a url"}) {
            Http.Response response = create(settings(url));
            assertViolations(response, violation("settings.rest_url", REST_URL_MESSAGE));
        }
        assertStatus(create(settings("http://127.0.0.1:9/rest/1/abc/")), 201);
    }

    @Test
    void restUrlIsMaskedInEveryAnswer() {
        JsonNode created = assertStatus(create(settings(REST_URL)), 201);
        assertThat(created.get("settings").get("rest_url").asText()).isEqualTo("https://example.bitrix24.ru/***");
        String id = created.get("id").asText();
        for (Http.Response answer : new Http.Response[] {AdminApi.get("/api/webhooks/" + id),
                AdminApi.get("/api/webhooks"), AdminApi.patch("/api/webhooks/" + id, Map.of("name", "renamed"))}) {
            assertThat(answer.body()).doesNotContain("k3h9x0qz2v8r1m5t").contains("https://example.bitrix24.ru/***");
        }
    }

    @Test
    void badSettingsAreRefusedByPatchAndTheStoredOnesStay() {
        String id = assertStatus(create(settings(REST_URL)), 201).get("id").asText();

        Map<String, Object> bad = settings("https://example.bitrix24.ru/rest/1/other/");
        bad.put("status_targets", Map.of("WON", ""));
        assertViolations(AdminApi.patch("/api/webhooks/" + id, Map.of("settings", bad)),
                violation("settings.status_targets", "must map 1 to 1000 statuses (non-blank, at most 255"
                        + " characters, no control characters) to goal identifiers (the same rule)"));

        JsonNode unchanged = assertStatus(AdminApi.get("/api/webhooks/" + id), 200);
        assertThat(unchanged.get("settings").get("status_targets").get("WON").asText()).isEqualTo("deal_won");
    }

    private static Http.Response create(Map<String, Object> settings) {
        return AdminApi.post("/api/webhooks", AdminApi.body(
                "name", "b24-settings", "counter_id", 24024, "format", "bitrix24", "settings", settings));
    }

    private static Map<String, Object> settings(String restUrl) {
        return AdminApi.body("rest_url", restUrl, "status_targets", Map.of("WON", "deal_won"),
                "client_id_field", "UF_CRM_1700000000001", "currency", "RUB");
    }
}
