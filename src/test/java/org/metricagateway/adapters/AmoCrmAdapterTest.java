package org.metricagateway.adapters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.metricagateway.support.ApiAssertions.assertError;
import static org.metricagateway.support.ApiAssertions.assertStatus;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.metricagateway.support.AdminApi;
import org.metricagateway.support.Fixtures;
import org.metricagateway.support.Metrics;
import org.metricagateway.support.Senders;
import org.metricagateway.support.Sql;
import org.metricagateway.support.TestGateway;
import org.metricagateway.support.Webhooks;
import org.metricagateway.support.Webhooks.CreatedWebhook;

/** amoCRM's lead web hook over real HTTP into the real database: every lead of a POST, settings applied. */
class AmoCrmAdapterTest {
    private static final String LEADS = "amocrm/leads-status-and-add.form";

    static Map<String, Object> amoCrmWebhook(String name, boolean secretInQuery) {
        return AdminApi.body("name", name, "counter_id", 44001, "format", "amocrm",
                "secret_in_query", secretInQuery,
                "settings", Map.of(
                        "status_targets", Map.of("142", "deal_won", "47891230", "lead_created"),
                        "client_id_field", "ClientID",
                        "currency", "RUB"));
    }

    @Test
    void everyLeadOfEveryEventInOnePostBecomesAConversionAndOtherStatusesAreIgnored() {
        CreatedWebhook webhook = Webhooks.create(amoCrmWebhook("amo-multi", false));
        Instant now = Instant.now();

        JsonNode answer = assertStatus(Senders.post(webhook, Senders.FORM, Fixtures.form(LEADS, now)), 202);

        assertThat(answer.get("accepted").asInt()).isEqualTo(3);
        assertThat(answer.get("duplicates").asInt()).isZero();
        // Lost (143) is not a goal; the phone lead has no ClientId.
        assertThat(answer.get("ignored").asInt()).isEqualTo(2);
        List<Map<String, Object>> rows = Sql.rows("""
                SELECT external_id, client_id::text AS client_id, target, event_time, price, currency
                  FROM webhook_conversions WHERE webhook_id = ?::uuid ORDER BY id""", webhook.id());
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0)).containsEntry("external_id", "mebel-moskva/25399013:142")
                .containsEntry("client_id", "1700000000123456789").containsEntry("target", "deal_won")
                .containsEntry("event_time", Timestamp.from(now.minusSeconds(300).with(
                        java.time.temporal.ChronoField.NANO_OF_SECOND, 0)))
                .containsEntry("currency", "RUB");
        assertThat((BigDecimal) rows.get(0).get("price")).isEqualByComparingTo("185000");
        // The second won lead has no price: stored without price and currency.
        assertThat(rows.get(1)).containsEntry("external_id", "mebel-moskva/25399877:142")
                .containsEntry("client_id", "1699999999987654321").containsEntry("price", null)
                .containsEntry("currency", null);
        assertThat(rows.get(2)).containsEntry("external_id", "mebel-moskva/25401001:47891230")
                .containsEntry("target", "lead_created").containsEntry("client_id", "1700000000777777777");
    }

    @Test
    void ignoredEventsAreCountedInTheMetrics() {
        CreatedWebhook webhook = Webhooks.create(amoCrmWebhook("amo-metrics", false));
        String management = TestGateway.get().managementUrl();
        double before = Metrics.value(management, "gateway_adapter_events_ignored_total", "format=\"amocrm\"")
                .orElse(0.0);

        assertStatus(Senders.post(webhook, Senders.FORM, Fixtures.form(LEADS, Instant.now())), 202);

        assertThat(Metrics.value(management, "gateway_adapter_events_ignored_total", "format=\"amocrm\""))
                .contains(before + 2);
    }

    @Test
    void theSamePostAgainStoresNothingTwice() {
        CreatedWebhook webhook = Webhooks.create(amoCrmWebhook("amo-repeat", false));
        String body = Fixtures.form(LEADS, Instant.now());
        JsonNode first = assertStatus(Senders.post(webhook, Senders.FORM, body), 202);

        JsonNode again = assertStatus(Senders.post(webhook, Senders.FORM, body), 202);

        assertThat(again.get("accepted").asInt()).isZero();
        assertThat(again.get("duplicates").asInt()).isEqualTo(3);
        assertThat(again.get("ids")).isEqualTo(first.get("ids"));
    }

    @Test
    void aPostWithOnlyIgnoredEventsIsAcknowledged() {
        CreatedWebhook webhook = Webhooks.create(AdminApi.body("name", "amo-ignored", "counter_id", 44001,
                "format", "amocrm", "settings", Map.of("status_targets", Map.of("999", "never"),
                        "client_id_field", "512345", "currency", "RUB")));

        JsonNode answer = assertStatus(Senders.post(webhook, Senders.FORM,
                Fixtures.form(LEADS, Instant.now())), 202);

        assertThat(answer.toString()).isEqualTo("{\"accepted\":0,\"duplicates\":0,\"ids\":[],\"ignored\":5}");
    }

    @Test
    void customFieldsAreFoundByIdAsWellAsByName() {
        CreatedWebhook webhook = Webhooks.create(AdminApi.body("name", "amo-by-id", "counter_id", 44001,
                "format", "amocrm", "settings", Map.of("status_targets", Map.of("5123999:142", "deal_won_b"),
                        "client_id_field", "512345", "currency", "RUB")));

        JsonNode answer = assertStatus(Senders.post(webhook, Senders.FORM,
                Fixtures.form(LEADS, Instant.now())), 202);

        // Only the won lead of pipeline 5123999 matches "pipeline:status".
        assertThat(answer.get("accepted").asInt()).isEqualTo(1);
        assertThat(Sql.value("SELECT target FROM webhook_conversions WHERE webhook_id = ?::uuid", webhook.id()))
                .isEqualTo("deal_won_b");
    }

    @Test
    void aCanonicalJsonBodyIsNotAForm() {
        CreatedWebhook webhook = Webhooks.create(amoCrmWebhook("amo-415", false));

        assertError(Senders.post(webhook, "text/plain", "leads[status][0][id]=1"), 415, "unsupported_media_type");
    }
}
