package org.metricagateway.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** Assertions on the gateway's JSON answers, error answers above all. */
public final class ApiAssertions {
    private ApiAssertions() {
    }

    public static JsonNode assertStatus(Http.Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        return response.json();
    }

    public static void assertError(Http.Response response, int status, String code) {
        assertThat(assertStatus(response, status).get("error").asText()).isEqualTo(code);
    }

    /** The answer is 422 validation_failed with exactly these violations, in this order. */
    @SafeVarargs
    public static void assertViolations(Http.Response response, Map<String, Object>... expected) {
        assertError(response, 422, "validation_failed");
        assertThat(response.json().get("violations").toString()).isEqualTo(Http.json(List.of(expected)));
    }

    public static Map<String, Object> violation(String field, String message) {
        return AdminApi.body("field", field, "message", message);
    }

    /** A violation of one element of a list field; index is the element's position. */
    public static Map<String, Object> violation(int index, String field, String message) {
        return AdminApi.body("index", index, "field", field, "message", message);
    }
}
