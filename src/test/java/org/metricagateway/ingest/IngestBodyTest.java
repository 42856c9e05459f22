package org.metricagateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.metricagateway.support.Http;
import org.metricagateway.support.Ingest;
import org.metricagateway.support.Webhooks;
import org.metricagateway.support.Webhooks.CreatedWebhook;

class IngestBodyTest {

    @Test
    void acceptsOneObjectAnArrayAndAWrappedList() {
        CreatedWebhook webhook = Webhooks.create("body-shapes", 102, null);
        Http.Response single = Ingest.post(webhook, Ingest.conversion(1));
        assertThat(single.status()).isEqualTo(202);
        assertThat(single.json().get("accepted").asInt()).isEqualTo(1);
        assertThat(single.json().get("ids")).hasSize(1);

        Http.Response array = Ingest.post(webhook, List.of(Ingest.conversion(2), Ingest.conversion(3)));
        assertThat(array.status()).isEqualTo(202);
        assertThat(array.json().get("accepted").asInt()).isEqualTo(2);

        Http.Response wrapped = Ingest.post(webhook, Map.of("conversions",
                List.of(Ingest.conversion(4), Ingest.conversion(5), Ingest.conversion(6))));
        assertThat(wrapped.status()).isEqualTo(202);
        JsonNode answer = wrapped.json();
        assertThat(answer.get("accepted").asInt()).isEqualTo(3);
        assertThat(answer.get("duplicates").asInt()).isZero();
        assertThat(answer.get("ids")).hasSize(3);
        assertThat(Ingest.storedCount(webhook)).isEqualTo(6);
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "application/xml", ""})
    void otherContentTypesAre415(String contentType) {
        CreatedWebhook webhook = Webhooks.create("body-415", 102, null);
        HttpRequest.Builder request = Http.request(webhook.ingestUrl())
                .header("X-Webhook-Secret", webhook.secret())
                .POST(HttpRequest.BodyPublishers.ofString(Http.json(Ingest.conversion(1))));
        if (!contentType.isEmpty()) {
            request.header("Content-Type", contentType);
        }
        Http.Response response = Http.send(request);
        assertThat(response.status()).isEqualTo(415);
        assertThat(response.json().get("error").asText()).isEqualTo("unsupported_media_type");
        assertThat(Ingest.storedCount(webhook)).isZero();
    }

    @Test
    void jsonWithACharsetIsJson() {
        CreatedWebhook webhook = Webhooks.create("body-charset", 102, null);
        Http.Response response = Http.send(Http.request(webhook.ingestUrl())
                .header("Content-Type", "application/json; charset=UTF-8")
                .header("X-Webhook-Secret", webhook.secret())
                .POST(HttpRequest.BodyPublishers.ofString(Http.json(Ingest.conversion(1)))));
        assertThat(response.status()).isEqualTo(202);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"client_id\": ", "not json", "{\"client_id\":\"1\"} trailing", ""})
    void malformedJsonIs400(String body) {
        CreatedWebhook webhook = Webhooks.create("body-400", 102, null);
        Http.Response response = Ingest.post(webhook, body);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("error").asText()).isEqualTo("malformed_json");
        assertThat(response.json().get("message").asText()).isNotBlank();
        assertThat(Ingest.storedCount(webhook)).isZero();
    }

    @Test
    void bodyOverTheSizeLimitIs413() {
        CreatedWebhook webhook = Webhooks.create("body-413", 102, null);
        Map<String, Object> conversion = Ingest.conversion(1);
        conversion.put("user_id", "x".repeat(1024 * 1024));
        Http.Response response = Ingest.post(webhook, conversion);
        assertThat(response.status()).isEqualTo(413);
        assertThat(Ingest.storedCount(webhook)).isZero();
    }

    @Test
    void noConversionsIs422() {
        CreatedWebhook webhook = Webhooks.create("body-empty", 102, null);
        for (String body : List.of("[]", "{\"conversions\": []}")) {
            Http.Response response = Ingest.post(webhook, body);
            assertThat(response.status()).as(body).isEqualTo(422);
            assertThat(response.json().get("error").asText()).isEqualTo("no_conversions");
        }
    }

    @Test
    void theLimitOfConversionsPerRequestIsInclusive() {
        CreatedWebhook webhook = Webhooks.create("body-limit", 102, null);
        List<Map<String, Object>> atLimit = conversions(1000, 0);
        assertThat(Ingest.post(webhook, atLimit).status()).isEqualTo(202);
        assertThat(Ingest.storedCount(webhook)).isEqualTo(1000);

        Http.Response over = Ingest.post(webhook, conversions(1001, 5000));
        assertThat(over.status()).isEqualTo(422);
        assertThat(over.json().get("error").asText()).isEqualTo("too_many_conversions");
        assertThat(Ingest.storedCount(webhook)).isEqualTo(1000);
    }

    @Test
    void bodiesThatAreNotConversionsAre422() {
        CreatedWebhook webhook = Webhooks.create("body-shape-bad", 102, null);
        for (String body : List.of("42", "\"text\"", "{\"conversions\": {}}", "[1, 2]")) {
            Http.Response response = Ingest.post(webhook, body);
            assertThat(response.status()).as(body).isEqualTo(422);
            assertThat(response.json().get("error").asText()).as(body).isEqualTo("invalid_body");
        }
        assertThat(Ingest.storedCount(webhook)).isZero();
    }

    @Test
    void onlyPostIsRouted() {
        CreatedWebhook webhook = Webhooks.create("body-get", 102, null);
        Http.Response response = Http.send(Http.request(webhook.ingestUrl())
                .header("X-Webhook-Secret", webhook.secret()).GET());
        assertThat(response.status()).isIn(404, 405);
    }

    static List<Map<String, Object>> conversions(int count, long firstClientId) {
        List<Map<String, Object>> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            list.add(Ingest.conversion(firstClientId + i));
        }
        return list;
    }
}
