package org.metricagateway.metrica;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The CSV bytes Metrica receives, compared with golden files in src/test/resources/csv. */
class MetricaCsvTest {
    private static final Instant T = Instant.ofEpochSecond(1764150000);

    @Test
    void clientIdsWithPriceAndCurrency() throws IOException {
        List<CsvRow> rows = List.of(
                row(new BigInteger("133591247640966458"), null, null, null, "GOAL1", T, "123.45", "RUB"),
                row(new BigInteger("18446744073709551615"), null, null, null, "GOAL1", T.plusSeconds(1), "0.0000", "USD"),
                row(BigInteger.ZERO, null, null, null, "GOAL2", T.plusSeconds(2), null, null),
                row(BigInteger.ONE, null, null, null, "GOAL2", T.plusSeconds(3), "1999.9000", "RUB"));
        assertGolden("client-id-price.csv", MetricaCsv.write(IdentifierColumns.parse("ClientId"), rows));
    }

    @Test
    void noPriceMeansNoPriceOrCurrencyColumns() throws IOException {
        List<CsvRow> rows = List.of(row(null, null, new BigInteger("6150987124578963254"), null, "call", T, null, null));
        assertGolden("yclid-no-price.csv", MetricaCsv.write(IdentifierColumns.parse("Yclid"), rows));
    }

    @Test
    void quotingCyrillicAndEveryIdentifierColumn() throws IOException {
        List<CsvRow> rows = List.of(
                row(BigInteger.TEN, "Иван, \"VIP\"", new BigInteger("42"), "заказ-1", "цель", T, "10", "RUB"),
                row(BigInteger.TWO, "line\nbreak", BigInteger.ONE, "p,2", "goal \"x\"", T, null, null));
        assertGolden("all-identifiers-quoting.csv",
                MetricaCsv.write(IdentifierColumns.parse("ClientId,UserId,Yclid,PurchaseId"), rows));
    }

    @Test
    void identifierColumnsKeyFollowsTheFixedOrder() {
        CsvRow row = row(BigInteger.ONE, null, BigInteger.TWO, "p", "t", T, null, null);
        assertThat(IdentifierColumns.key(row)).isEqualTo("ClientId,Yclid,PurchaseId");
    }

    private static CsvRow row(BigInteger clientId, String userId, BigInteger yclid, String purchaseId, String target,
                              Instant time, String price, String currency) {
        return new CsvRow(clientId, userId, yclid, purchaseId, target, time,
                price == null ? null : new BigDecimal(price), currency);
    }

    private static void assertGolden(String name, byte[] actual) throws IOException {
        try (InputStream golden = MetricaCsvTest.class.getResourceAsStream("/csv/" + name)) {
            assertThat(golden).as(name).isNotNull();
            assertThat(new String(actual, java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo(new String(golden.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            assertThat(actual[0]).as("no BOM").isNotEqualTo((byte) 0xEF);
        }
    }
}
