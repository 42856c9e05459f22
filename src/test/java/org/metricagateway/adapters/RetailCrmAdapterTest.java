package org.metricagateway.adapters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.metricagateway.support.ApiAssertions.assertStatus;
import static org.metricagateway.support.ApiAssertions.assertViolations;
import static org.metricagateway.support.ApiAssertions.violation;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.metricagateway.support.AdminApi;
import org.metricagateway.support.Fixtures;
import org.metricagateway.support.Senders;
import org.metricagateway.support.Sql;
import org.metricagateway.support.Webhooks;
import org.metricagateway.support.Webhooks.CreatedWebhook;

/** RetailCRM's order fields (JSON or a trigger's form), and the documented trigger template of canonical JSON. */
class RetailCrmAdapterTest {

    private static Map<String, Object> settings() {
        return Map.of("status_targets", Map.of("complete", "order_complete"),
                "client_id_field", "metrica_client_id", "currency", "RUB",
                "time_zone", Fixtures.ACCOUNT_ZONE.getId());
    }

    private static CreatedWebhook retailCrm(String name) {
        return Webhooks.create(AdminApi.body("name", name, "counter_id", 44009, "format", "retailcrm",
                "secret_in_query", true, "settings", settings()));
    }

    @Test
    void completedOrdersBecomeConversionsAtTheirStatusTimeInTheAccountsZone() {
        CreatedWebhook webhook = retailCrm("retailcrm-orders");
        Instant now = Instant.now();

        JsonNode answer = assertStatus(Senders.post(webhook, "application/json",
                Fixtures.text("retailcrm/orders.json", now)), 202);

        // The cancelled order is not a goal; the third completed order has no ClientId.
        assertThat(answer.get("accepted").asInt()).isEqualTo(1);
        assertThat(answer.get("ignored").asInt()).isEqualTo(2);
        Map<String, Object> row = Sql.row("""
                SELECT external_id, client_id::text AS client_id, target, event_time, price, currency
                  FROM webhook_conversions WHERE webhook_id = ?::uuid""", webhook.id()).orElseThrow();
        assertThat(row).containsEntry("external_id", "48213:complete")
                .containsEntry("client_id", "1700000000123456789").containsEntry("target", "order_complete")
                .containsEntry("event_time", Timestamp.from(now.minusSeconds(600).truncatedTo(ChronoUnit.SECONDS)))
                .containsEntry("currency", "RUB");
        assertThat((BigDecimal) row.get("price")).isEqualByComparingTo("46490.5");
    }

    @Test
    void aTriggerFormWithTheOrdersFieldsWorksToo() {
        CreatedWebhook webhook = retailCrm("retailcrm-form");

        JsonNode answer = assertStatus(Senders.postWithQuerySecret(webhook, webhook.secret(), Senders.FORM,
                Fixtures.form("retailcrm/order-trigger.form", Instant.now())), 202);

        assertThat(answer.get("accepted").asInt()).isEqualTo(1);
        assertThat(Sql.value("SELECT client_id::text FROM webhook_conversions WHERE webhook_id = ?::uuid",
                webhook.id())).isEqualTo("1700000000222333444");
    }

    @Test
    void retailCrmNeedsTheAccountsTimeZone() {
        Map<String, Object> withoutZone = new java.util.HashMap<>(settings());
        withoutZone.remove("time_zone");
        Map<String, Object> badZone = new java.util.HashMap<>(settings());
        badZone.put("time_zone", "Moscow");

        assertViolations(AdminApi.post("/api/webhooks", AdminApi.body("name", "no-zone", "counter_id", 44009,
                        "format", "retailcrm", "settings", withoutZone)),
                violation("settings.time_zone", "is required: RetailCRM sends times without an offset"));
        assertViolations(AdminApi.post("/api/webhooks", AdminApi.body("name", "bad-zone", "counter_id", 44009,
                        "format", "retailcrm", "settings", badZone)),
                violation("settings.time_zone", "must be a time zone such as Europe/Moscow"));
    }

    @Test
    void theDocumentedTriggerTemplatePostsCanonicalJson() {
        // What the trigger template of docs/adapters.md renders for a completed order, posted to a canonical webhook.
        CreatedWebhook webhook = Webhooks.create(AdminApi.body("name", "retailcrm-canonical", "counter_id", 44009,
                "secret_in_query", true));

        JsonNode answer = assertStatus(Senders.postWithQuerySecret(webhook, webhook.secret(), "application/json",
                Fixtures.text("retailcrm/canonical-trigger.json", Instant.now())), 202);

        assertThat(answer.get("accepted").asInt()).isEqualTo(1);
        assertThat(Sql.rows("SELECT target, external_id FROM webhook_conversions WHERE webhook_id = ?::uuid",
                webhook.id())).isEqualTo(List.of(Map.of("target", "order_complete",
                "external_id", "retailcrm-48400-complete")));
    }
}
