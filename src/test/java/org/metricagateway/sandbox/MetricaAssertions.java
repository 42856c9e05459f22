package org.metricagateway.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.metricagateway.support.Http;

/** Assertions on Metrica's answers: the error envelope, and the uploading object of a 200. */
final class MetricaAssertions {
    static final String JSON = "application/json; charset=UTF-8";

    private MetricaAssertions() {
    }

    /** {"errors":[{"error_type":..,"message":..}],"code":N,"message":..} with the given status and type. */
    static JsonNode assertError(Http.Response response, int status, String errorType) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).contains(JSON);
        JsonNode json = response.json();
        assertThat(json.path("code").asInt()).isEqualTo(status);
        assertThat(json.path("errors")).hasSize(1);
        assertThat(json.path("errors").path(0).path("error_type").asText()).isEqualTo(errorType);
        String message = json.path("errors").path(0).path("message").asText();
        assertThat(message).isNotBlank();
        assertThat(json.path("message").asText()).isEqualTo(message);
        return json;
    }

    static JsonNode assertInvalidDataAt(Http.Response response, int line) {
        JsonNode json = assertError(response, 400, "invalid_uploading");
        assertThat(json.path("message").asText()).isEqualTo("Неверный формат данных, ошибка в строке номер " + line);
        return json;
    }

    /** The {@code uploading} object of a 200 answer. */
    static JsonNode uploading(Http.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains(JSON);
        return response.json().path("uploading");
    }
}
