package org.metricagateway.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.metricagateway.support.ApiAssertions.assertStatus;
import static org.metricagateway.support.ApiAssertions.assertViolations;
import static org.metricagateway.support.ApiAssertions.violation;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.metricagateway.support.AdminApi;
import org.metricagateway.support.Http;
import org.metricagateway.support.Sql;

/** The field rules of POST /api/webhooks at their boundaries; a refused request stores nothing. */
class WebhookValidationTest {
    private static final String NAME_RULE =
            "must be a non-blank string of at most 200 characters without control characters";
    private static final String TARGET_RULE =
            "must be a non-blank string of at most 255 characters without control characters";
    private static final String COUNTER_RULE = "must be a whole number from 1 to 2147483647";

    @Test
    void acceptsNameOf200Characters() {
        assertCreated(webhook("n".repeat(200), 1));
    }

    @Test
    void refusesNameOf201Characters() {
        assertViolations(webhook("n".repeat(201), 1), violation("name", NAME_RULE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "tab\tinside", "line\nbreak"})
    void refusesBlankNamesAndControlCharacters(String name) {
        assertViolations(webhook(name, 1), violation("name", NAME_RULE));
    }

    @Test
    void requiresNameAndCounterId() {
        assertViolations(AdminApi.post("/api/webhooks", Map.of()),
                violation("counter_id", "is required"), violation("name", "is required"));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2147483647})
    void acceptsCounterIdsInRange(long counterId) {
        JsonNode webhook = assertCreated(webhook("counter-ok", counterId));
        assertThat(webhook.get("counter_id").asLong()).isEqualTo(counterId);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 2147483648L, -1, Long.MAX_VALUE})
    void refusesCounterIdsOutOfRange(long counterId) {
        assertViolations(webhook("counter-bad", counterId), violation("counter_id", COUNTER_RULE));
    }

    @Test
    void refusesCounterIdsThatAreNotWholeNumbers() {
        for (Object counterId : List.of(1.5, "12a", "", new BigInteger("99999999999999999999999"))) {
            assertViolations(AdminApi.post("/api/webhooks", Map.of("name", "x", "counter_id", counterId)),
                    violation("counter_id", COUNTER_RULE));
        }
    }

    @Test
    void acceptsCounterIdSentAsDigits() {
        JsonNode webhook = assertCreated(AdminApi.post("/api/webhooks", Map.of("name", "x", "counter_id", "77")));
        assertThat(webhook.get("counter_id").isNumber()).isTrue();
        assertThat(webhook.get("counter_id").asLong()).isEqualTo(77);
    }

    @Test
    void checksDefaultTarget() {
        assertCreated(AdminApi.post("/api/webhooks", Map.of("name", "t", "counter_id", 1,
                "default_target", "t".repeat(255))));
        assertViolations(AdminApi.post("/api/webhooks", Map.of("name", "t", "counter_id", 1,
                "default_target", "t".repeat(256))), violation("default_target", TARGET_RULE));
        assertViolations(AdminApi.post("/api/webhooks", Map.of("name", "t", "counter_id", 1,
                "default_target", " ")), violation("default_target", TARGET_RULE));
        assertViolations(AdminApi.post("/api/webhooks", Map.of("name", "t", "counter_id", 1,
                "default_target", "go\u0000al")), violation("default_target", TARGET_RULE));
    }

    @Test
    void reportsEachBadCidrBlockByItsIndex() {
        Http.Response response = AdminApi.post("/api/webhooks", Map.of("name", "x", "counter_id", 1,
                "allowed_ips", List.of("10.0.0.0/8", "10.0.0.1/8", "example.com", "10.0.0.0/33", "10.0.0.0/x",
                        "2001:db8::1/32", "::/0")));
        assertViolations(response,
                violation(1, "allowed_ips", "has host bits set (use the network address)"),
                violation(2, "allowed_ips", "not an IP address or CIDR block"),
                violation(3, "allowed_ips", "the prefix length must be between 0 and 32"),
                violation(4, "allowed_ips", "the prefix length is not a number"),
                violation(5, "allowed_ips", "has host bits set (use the network address)"));
    }

    @Test
    void refusesNullCidrBlock() {
        List<String> blocks = new ArrayList<>(Collections.singletonList(null));
        assertViolations(AdminApi.post("/api/webhooks", AdminApi.body("name", "x", "counter_id", 1,
                "allowed_ips", blocks)), violation(0, "allowed_ips", "must be a CIDR block, not null"));
    }

    @Test
    void acceptsUpTo100CidrBlocks() {
        assertCreated(AdminApi.post("/api/webhooks", Map.of("name", "x", "counter_id", 1,
                "allowed_ips", blocks(100))));
        assertViolations(AdminApi.post("/api/webhooks", Map.of("name", "x", "counter_id", 1,
                "allowed_ips", blocks(101))), violation("allowed_ips", "must hold at most 100 CIDR blocks"));
    }

    @Test
    void refusesFieldsOfTheWrongJsonType() {
        assertViolations(AdminApi.post("/api/webhooks", Map.of("name", "x", "counter_id", 1,
                "allowed_ips", "10.0.0.0/8")), violation("allowed_ips", "has the wrong type: expected an array"));
        assertViolations(AdminApi.post("/api/webhooks", Map.of("name", Map.of(), "counter_id", 1)),
                violation("name", "has the wrong type: expected a string or a number"));
    }

    @Test
    void refusesUnknownFields() {
        assertViolations(AdminApi.post("/api/webhooks", Map.of("name", "x", "counter_id", 1, "active", false,
                        "secret", "mine")),
                violation("active", "is not a known field"), violation("secret", "is not a known field"));
    }

    @Test
    void listsEveryViolationAtOnceInOrderAndStoresNothing() {
        String name = "n".repeat(201) + UUID.randomUUID();
        Http.Response response = AdminApi.post("/api/webhooks", Map.of("name", name, "counter_id", 0,
                "default_target", "", "allowed_ips", List.of("300.0.0.0/8"), "colour", "blue"));
        assertViolations(response,
                violation("colour", "is not a known field"),
                violation("counter_id", COUNTER_RULE),
                violation("default_target", TARGET_RULE),
                violation("name", NAME_RULE),
                violation(0, "allowed_ips", "not an IP address or CIDR block"));
        assertThat(response.json().get("message").asText()).isEqualTo("The request has invalid fields");
        assertThat(Sql.value("SELECT count(*) FROM webhooks WHERE name = ?", name)).isEqualTo(0L);
    }

    private static Http.Response webhook(String name, long counterId) {
        return AdminApi.post("/api/webhooks", Map.of("name", name, "counter_id", counterId));
    }

    private static List<String> blocks(int count) {
        List<String> blocks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            blocks.add("10.0." + i + ".0/24");
        }
        return blocks;
    }

    private static JsonNode assertCreated(Http.Response response) {
        return assertStatus(response, 201);
    }
}
