package org.metricagateway.adapters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.metricagateway.support.ApiAssertions.assertStatus;
import static org.metricagateway.support.ApiAssertions.assertViolations;
import static org.metricagateway.support.ApiAssertions.violation;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.metricagateway.support.AdminApi;
import org.metricagateway.support.Sql;

/** A webhook's format and adapter settings are checked when it is created and when it is changed. */
class AdapterSettingsTest {

    private static Map<String, Object> webhook(Object format, Object settings) {
        return AdminApi.body("name", "settings-check", "counter_id", 44002, "format", format, "settings", settings);
    }

    @Test
    void aNewWebhookIsCanonicalWithoutSettingsOrQuerySecret() {
        JsonNode created = assertStatus(AdminApi.post("/api/webhooks",
                AdminApi.body("name", "plain", "counter_id", 44002)), 201);

        assertThat(created.get("format").asText()).isEqualTo("canonical");
        assertThat(created.get("settings").toString()).isEqualTo("{}");
        assertThat(created.get("secret_in_query").asBoolean()).isFalse();
    }

    @Test
    void everyMissingCrmSettingIsReportedAtOnce() {
        assertViolations(AdminApi.post("/api/webhooks", webhook("amocrm", Map.of())),
                violation("settings.client_id_field",
                        "at least one of client_id_field, yclid_field, user_id_field is required"),
                violation("settings.currency", "is required"),
                violation("settings.status_targets", "is required"));
    }

    @Test
    void badCrmSettingsAreNamedByTheirPath() {
        assertViolations(AdminApi.post("/api/webhooks", webhook("amocrm", AdminApi.body(
                        "status_targets", Map.of(),
                        "client_id_field", " ",
                        "currency", "RUBLES",
                        "pipeline", "main"))),
                violation("settings.client_id_field",
                        "must be a non-blank string of at most 255 characters without control characters"),
                violation("settings.currency", "must be an ISO 4217 currency code such as RUB or USD"),
                violation("settings.pipeline", "is not a known field"),
                violation("settings.status_targets", "must map 1 to 1000 statuses (non-blank, at most 255"
                        + " characters, no control characters) to goal identifiers (the same rule)"));
    }

    @Test
    void aSettingOfTheWrongTypeIsNamed() {
        assertViolations(AdminApi.post("/api/webhooks", webhook("amocrm",
                        Map.of("status_targets", "142=deal_won", "client_id_field", "ClientID", "currency", "RUB"))),
                violation("settings.status_targets", "has the wrong type: expected an object"));
    }

    @Test
    void settingsMustBeAnObject() {
        assertViolations(AdminApi.post("/api/webhooks", webhook("amocrm", "status=142")),
                violation("settings", "must be a JSON object"));
    }

    @Test
    void theCanonicalFormatTakesNoSettings() {
        assertViolations(AdminApi.post("/api/webhooks", webhook("canonical", Map.of("currency", "RUB"))),
                violation("settings", "must be {} for the canonical format, which takes no settings"));
    }

    @Test
    void anUnknownFormatIsRefusedAndNothingIsStored() {
        long before = (Long) Sql.value("SELECT count(*) FROM webhooks");

        assertViolations(AdminApi.post("/api/webhooks", webhook("megaplan", Map.of())),
                violation("format", "is not a known format: one of canonical, amocrm, retailcrm, bitrix24, or the"
                        + " name of an adapter route loaded from routes/adapters/"));
        assertThat((Long) Sql.value("SELECT count(*) FROM webhooks")).isEqualTo(before);
    }

    @Test
    void changingTheFormatChecksTheStoredSettings() {
        String id = assertStatus(AdminApi.post("/api/webhooks",
                AdminApi.body("name", "to-amo", "counter_id", 44002)), 201).get("id").asText();

        assertViolations(AdminApi.patch("/api/webhooks/" + id, Map.of("format", "amocrm")),
                violation("settings.client_id_field",
                        "at least one of client_id_field, yclid_field, user_id_field is required"),
                violation("settings.currency", "is required"),
                violation("settings.status_targets", "is required"));

        JsonNode changed = assertStatus(AdminApi.patch("/api/webhooks/" + id, Map.of("format", "amocrm",
                "settings", Map.of("status_targets", Map.of("142", "deal_won"), "yclid_field", "yclid",
                        "currency", "rub"), "secret_in_query", true)), 200);
        assertThat(changed.get("format").asText()).isEqualTo("amocrm");
        assertThat(changed.get("settings").get("yclid_field").asText()).isEqualTo("yclid");
        assertThat(changed.get("secret_in_query").asBoolean()).isTrue();
    }

    @Test
    void changingTheSettingsChecksThemAgainstTheStoredFormat() {
        String id = assertStatus(AdminApi.post("/api/webhooks", AmoCrmAdapterTest.amoCrmWebhook("amo-patch", false)),
                201).get("id").asText();

        assertViolations(AdminApi.patch("/api/webhooks/" + id,
                        Map.of("settings", Map.of("status_targets", Map.of("142", "deal_won"), "currency", "RUB"))),
                violation("settings.client_id_field",
                        "at least one of client_id_field, yclid_field, user_id_field is required"));
        assertThat(assertStatus(AdminApi.get("/api/webhooks/" + id), 200).get("settings").get("client_id_field")
                .asText()).isEqualTo("ClientID");
    }
}
