package org.metricagateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.metricagateway.support.Http;
import org.metricagateway.support.Ingest;
import org.metricagateway.support.TestGateway;
import org.metricagateway.support.Webhooks;
import org.metricagateway.support.Webhooks.CreatedWebhook;

/** Every field rule with good and bad values at its boundaries, through the real endpoint. */
class ConversionValidationTest {
    private static final Object ABSENT = new Object();
    private static CreatedWebhook webhook;

    @BeforeAll
    static void createWebhook() {
        webhook = Webhooks.create("validation", 103, null);
    }

    static Stream<Arguments> validValues() {
        long now = Instant.now().getEpochSecond();
        return Stream.of(
                Arguments.of("client_id", "0"),
                Arguments.of("client_id", "18446744073709551615"),
                Arguments.of("client_id", 133591247640966458L),
                Arguments.of("client_id", " 42 "),
                Arguments.of("yclid", "18446744073709551615"),
                Arguments.of("yclid", 5L),
                Arguments.of("user_id", "u".repeat(255)),
                Arguments.of("user_id", "Пользователь, \"quoted\""),
                Arguments.of("purchase_id", "p".repeat(255)),
                Arguments.of("target", "t".repeat(255)),
                Arguments.of("external_id", "e".repeat(255)),
                Arguments.of("date_time", now + 240),
                Arguments.of("date_time", now - 20L * 86400),
                Arguments.of("date_time", Long.toString(now - 60)),
                Arguments.of("date_time", Instant.ofEpochSecond(now - 60).atOffset(ZoneOffset.ofHours(3)).toString()),
                Arguments.of("date_time", Instant.ofEpochSecond(now - 60).toString()),
                Arguments.of("price", "0"),
                Arguments.of("price", "12.3456"),
                Arguments.of("price", "999999999999.9999"),
                Arguments.of("price", 19.9),
                Arguments.of("currency", "usd"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("validValues")
    void acceptsValidValue(String field, Object value) {
        Map<String, Object> conversion = Ingest.conversion(System.nanoTime());
        conversion.put(field, value);
        if (field.equals("price")) {
            conversion.put("currency", "RUB");
        }
        Http.Response response = Ingest.post(webhook, conversion);
        assertThat(response.status()).as(response.body()).isEqualTo(202);
    }

    static Stream<Arguments> invalidValues() {
        long now = Instant.now().getEpochSecond();
        return Stream.of(
                Arguments.of("client_id", "18446744073709551616", "unsigned decimal integer"),
                Arguments.of("client_id", "-1", "unsigned decimal integer"),
                Arguments.of("client_id", "12a", "unsigned decimal integer"),
                Arguments.of("client_id", "", "unsigned decimal integer"),
                Arguments.of("client_id", 1.5, "unsigned decimal integer"),
                Arguments.of("client_id", true, "wrong type"),
                Arguments.of("yclid", "1e5", "unsigned decimal integer"),
                Arguments.of("user_id", "", "non-blank"),
                Arguments.of("user_id", "   ", "non-blank"),
                Arguments.of("user_id", "u".repeat(256), "at most 255"),
                Arguments.of("user_id", "line\nbreak", "control characters"),
                Arguments.of("purchase_id", "p".repeat(256), "at most 255"),
                Arguments.of("target", "t".repeat(256), "at most 255"),
                Arguments.of("target", ABSENT, "is required"),
                Arguments.of("target", " ", "non-blank"),
                Arguments.of("external_id", "", "non-blank"),
                Arguments.of("date_time", ABSENT, "is required"),
                Arguments.of("date_time", now + 360, "in the future"),
                Arguments.of("date_time", now - 22L * 86400, "attribution window"),
                Arguments.of("date_time", now * 1000, "not milliseconds"),
                // Past what a long holds: still a clear answer, not a parse failure.
                Arguments.of("date_time", "99999999999999999999", "ISO-8601"),
                Arguments.of("date_time", "9999999999999999999", "not milliseconds"),
                Arguments.of("price", "1.", "decimal number"),
                Arguments.of("price", ".5", "decimal number"),
                Arguments.of("date_time", "2026-11-20T10:00:00", "ISO-8601"),
                Arguments.of("date_time", "yesterday", "ISO-8601"),
                Arguments.of("date_time", -5, "ISO-8601"),
                Arguments.of("price", "-1", "decimal number"),
                Arguments.of("price", "12.34567", "at most 4 decimal places"),
                Arguments.of("price", "1000000000000", "decimal number"),
                Arguments.of("price", "1,5", "decimal number"),
                Arguments.of("currency", "XYZ", "ISO 4217"),
                Arguments.of("currency", "RUBL", "ISO 4217"),
                Arguments.of("clientid", "1", "not a known field"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("invalidValues")
    void rejectsInvalidValueNamingTheField(String field, Object value, String reason) {
        Map<String, Object> conversion = Ingest.conversion(System.nanoTime());
        if (value == ABSENT) {
            conversion.remove(field);
        } else {
            conversion.put(field, value);
        }
        if (field.equals("price")) {
            conversion.put("currency", "RUB");
        }
        Http.Response response = Ingest.post(webhook, List.of(Ingest.conversion(System.nanoTime()), conversion));
        assertThat(response.status()).as(response.body()).isEqualTo(422);
        JsonNode body = response.json();
        assertThat(body.get("error").asText()).isEqualTo("validation_failed");
        assertThat(body.get("violations")).hasSize(1);
        JsonNode violation = body.get("violations").get(0);
        assertThat(violation.get("index").asInt()).isEqualTo(1);
        assertThat(violation.get("field").asText()).isEqualTo(field);
        assertThat(violation.get("message").asText()).contains(reason);
        if (value instanceof String text && text.length() > 3) {
            assertThat(response.body()).as("rejected values are not echoed").doesNotContain(text);
        }
    }

    @Test
    void aConversionNeedsAnIdentifier() {
        Map<String, Object> conversion = Ingest.conversion(1);
        conversion.remove("client_id");
        JsonNode violation = Ingest.post(webhook, conversion).json().get("violations").get(0);
        assertThat(violation.get("field").asText()).isEqualTo("identifiers");
        assertThat(violation.get("message").asText()).contains("client_id, user_id, yclid, purchase_id");
    }

    @Test
    void aPriceNeedsACurrency() {
        Map<String, Object> conversion = Ingest.conversion(1);
        conversion.put("price", "10");
        JsonNode violation = Ingest.post(webhook, conversion).json().get("violations").get(0);
        assertThat(violation.get("field").asText()).isEqualTo("currency");
        assertThat(violation.get("message").asText()).isEqualTo("is required when price is given");
    }

    @Test
    void everyViolationIsListedSortedByIndexThenField() {
        Map<String, Object> first = Ingest.conversion(1);
        first.put("price", "-3");
        first.put("currency", "XXQ");
        Map<String, Object> third = Ingest.conversion(3);
        third.remove("client_id");
        third.put("date_time", "soon");
        List<Map<String, Object>> body = List.of(first, Ingest.conversion(2), third);

        JsonNode violations = Ingest.post(webhook, body).json().get("violations");
        List<String> seen = new ArrayList<>();
        violations.forEach(v -> seen.add(v.get("index").asInt() + ":" + v.get("field").asText()));
        assertThat(seen).containsExactly("0:currency", "0:price", "2:date_time", "2:identifiers");
    }

    @Test
    void oneInvalidConversionRejectsTheWholeRequest() {
        CreatedWebhook own = Webhooks.create("all-or-nothing", 103, null);
        Map<String, Object> bad = Ingest.conversion(2);
        bad.put("currency", "nope");
        Http.Response response = Ingest.post(own, List.of(Ingest.conversion(1), bad, Ingest.conversion(3)));
        assertThat(response.status()).isEqualTo(422);
        assertThat(Ingest.storedCount(own)).isZero();
    }

    @Test
    void theWebhooksDefaultTargetFillsAMissingTarget() throws Exception {
        CreatedWebhook withDefault = Webhooks.create("default-target", 103, "lead_paid");
        Map<String, Object> conversion = Ingest.conversion(77);
        conversion.remove("target");
        Http.Response response = Ingest.post(withDefault, conversion);
        assertThat(response.status()).isEqualTo(202);
        assertThat(storedColumn(response, "target")).isEqualTo("lead_paid");

        Map<String, Object> explicit = Ingest.conversion(78);
        explicit.put("target", "own_goal");
        assertThat(storedColumn(Ingest.post(withDefault, explicit), "target")).isEqualTo("own_goal");
    }

    @Test
    void storesCanonicalValues() throws Exception {
        long time = Instant.now().getEpochSecond() - 120;
        Map<String, Object> conversion = Map.of(
                "client_id", "007",
                "user_id", "  user-1  ",
                "target", " goal ",
                "date_time", Instant.ofEpochSecond(time).atOffset(ZoneOffset.ofHours(3)).toString(),
                "price", "1999.90",
                "currency", "rub",
                "external_id", "deal-42");
        Http.Response response = Ingest.post(webhook, conversion);
        assertThat(response.status()).isEqualTo(202);
        assertThat(storedColumn(response, "client_id::text")).isEqualTo("7");
        assertThat(storedColumn(response, "user_id")).isEqualTo("user-1");
        assertThat(storedColumn(response, "target")).isEqualTo("goal");
        assertThat(storedColumn(response, "extract(epoch from event_time)::bigint::text"))
                .isEqualTo(Long.toString(time));
        assertThat(storedColumn(response, "price::text")).isEqualTo("1999.9000");
        assertThat(storedColumn(response, "currency")).isEqualTo("RUB");
        assertThat(storedColumn(response, "counter_id::text")).isEqualTo("103");
        assertThat(storedColumn(response, "(SELECT count(*) FROM conversion_bundles b"
                + " WHERE b.id = webhook_conversions.bundle_id AND b.batch_id IS NULL"
                + " AND webhook_conversions.id = ANY (b.conversion_ids))::text"))
                .as("waiting for a batch").isEqualTo("1");
    }

    private static String storedColumn(Http.Response response, String expression) throws Exception {
        long id = response.json().get("ids").get(0).asLong();
        try (var c = TestGateway.get().connection();
             var s = c.prepareStatement("SELECT " + expression + " FROM webhook_conversions WHERE id = ?")) {
            s.setLong(1, id);
            try (var rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        }
    }
}
