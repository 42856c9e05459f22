package org.metricagateway.adapters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.metricagateway.support.ApiAssertions.assertError;
import static org.metricagateway.support.ApiAssertions.assertStatus;

import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.metricagateway.support.AdminApi;
import org.metricagateway.support.Fixtures;
import org.metricagateway.support.Http;
import org.metricagateway.support.Ingest;
import org.metricagateway.support.Senders;
import org.metricagateway.support.Sql;
import org.metricagateway.support.Webhooks;
import org.metricagateway.support.Webhooks.CreatedWebhook;

/** POST /api/webhooks/{id}/preview shows what ingest would make of a payload, and stores nothing. */
class PreviewTest {

    private static Http.Response preview(CreatedWebhook webhook, String contentType, String body) {
        return Http.send(AdminApi.request("/api/webhooks/" + webhook.id() + "/preview")
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static long rows(String table, CreatedWebhook webhook) {
        return (Long) Sql.value("SELECT count(*) FROM " + table + " WHERE webhook_id = ?::uuid", webhook.id());
    }

    @Test
    void anAmoCrmPostIsShownAsConversionsAndCsvLinesAndNothingIsStored() {
        CreatedWebhook webhook = Webhooks.create(AmoCrmAdapterTest.amoCrmWebhook("preview-amo", true));
        Instant now = Instant.now();

        JsonNode preview = assertStatus(preview(webhook, Senders.FORM,
                Fixtures.form("amocrm/leads-status-and-add.form", now)), 200);

        assertThat(preview.get("conversions")).hasSize(3);
        assertThat(preview.get("conversions").get(0).toString()).isEqualTo(Http.json(AdminApi.body(
                "client_id", "1700000000123456789", "target", "deal_won",
                "date_time", Long.toString(now.getEpochSecond() - 300), "price", "185000", "currency", "RUB",
                "external_id", "mebel-moskva/25399013:142")));
        assertThat(preview.get("ignored").asInt()).isEqualTo(2);
        assertThat(preview.get("violations")).isEmpty();
        long t = now.getEpochSecond();
        // Exactly the lines the upload would send: MetricaCsv, Price/Currency columns since some rows have a price.
        assertThat(preview.at("/csv/ClientId").asText()).isEqualTo(
                "ClientId,Target,DateTime,Price,Currency\n"
                        + "1700000000123456789,deal_won," + (t - 300) + ",185000,RUB\n"
                        + "1699999999987654321,deal_won," + (t - 240) + ",,\n"
                        + "1700000000777777777,lead_created," + (t - 120) + ",0,RUB\n");
        assertThat(rows("webhook_conversions", webhook)).isZero();
        assertThat(rows("webhook_requests", webhook)).isZero();
    }

    @Test
    void invalidConversionsAreListedAndLeftOutOfTheCsv() {
        CreatedWebhook webhook = Webhooks.create("preview-canonical", 44008, "deal_won");
        Map<String, Object> old = Ingest.conversion(11);
        old.put("date_time", Instant.now().minusSeconds(30L * 24 * 3600).getEpochSecond());
        Map<String, Object> yclid = Ingest.conversion(12);
        yclid.remove("client_id");
        yclid.put("yclid", "6150987124578963254");
        yclid.remove("target");

        JsonNode preview = assertStatus(preview(webhook, "application/json",
                Http.json(List.of(Ingest.conversion(10), old, yclid))), 200);

        assertThat(preview.get("conversions")).hasSize(3);
        assertThat(preview.at("/conversions/2/target").asText()).as("default_target applied").isEqualTo("deal_won");
        assertThat(preview.get("violations")).hasSize(1);
        assertThat(preview.at("/violations/0/index").asInt()).isEqualTo(1);
        assertThat(preview.at("/violations/0/field").asText()).isEqualTo("date_time");
        assertThat(preview.get("ignored").asInt()).isZero();
        assertThat(preview.at("/csv/ClientId").asText()).startsWith("ClientId,Target,DateTime\n10,deal_won,")
                .doesNotContain("\n11,");
        assertThat(preview.at("/csv/Yclid").asText()).startsWith("Yclid,Target,DateTime\n6150987124578963254,");
        assertThat(rows("webhook_conversions", webhook)).isZero();
    }

    @Test
    void whatIngestWouldRefuseIsRefusedTheSameWay() {
        CreatedWebhook webhook = Webhooks.create(AmoCrmAdapterTest.amoCrmWebhook("preview-refused", false));

        assertError(preview(webhook, "text/plain", "leads"), 415, "unsupported_media_type");
        assertError(Http.send(Http.request(webhook.ingestUrl().replace("/conversions", "/preview")
                .replace("/webhooks/", "/api/webhooks/")).header("Content-Type", Senders.FORM)
                .POST(HttpRequest.BodyPublishers.ofString("a=1"))), 401, "unauthorized");
        assertError(Http.send(AdminApi.request("/api/webhooks/00000000-0000-0000-0000-000000000000/preview")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}"))),
                404, "not_found");
    }
}
