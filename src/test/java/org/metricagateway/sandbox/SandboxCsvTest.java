package org.metricagateway.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.metricagateway.sandbox.MetricaAssertions.uploading;
import static org.metricagateway.sandbox.RunningSandbox.AN_HOUR_AGO;
import static org.metricagateway.sandbox.RunningSandbox.CLIENT_ID;
import static org.metricagateway.sandbox.RunningSandbox.COUNTER;
import static org.metricagateway.sandbox.RunningSandbox.GOAL;
import static org.metricagateway.sandbox.RunningSandbox.NOW;
import static org.metricagateway.sandbox.RunningSandbox.TOKEN;
import static org.metricagateway.sandbox.RunningSandbox.USER_ID;
import static org.metricagateway.sandbox.RunningSandbox.YCLID;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Row-level validation (section 4.2): bad rows are dropped and counted, the file is still accepted. */
class SandboxCsvTest {
    @RegisterExtension
    static final RunningSandbox SANDBOX = new RunningSandbox();
    private static final String HEADER = "ClientId,Target,DateTime,Price,Currency";
    private static final String GOOD = CLIENT_ID + "," + GOAL + "," + AN_HOUR_AGO + ",123.45,RUB";
    private static final String MAX_UINT64 = "18446744073709551615";

    static Stream<String> badRows() {
        String past = Long.toString(AN_HOUR_AGO);
        String future = NOW.plusSeconds(1).getEpochSecond() + ".5";
        return Stream.of(
                "," + GOAL + "," + past,
                "   ," + GOAL + "," + past,
                "notNumber," + GOAL + "," + past,
                "-1," + GOAL + "," + past,
                "18446744073709551616," + GOAL + "," + past,
                "12.5," + GOAL + "," + past,
                CLIENT_ID + ",," + past,
                CLIENT_ID + "," + GOAL + ",",
                CLIENT_ID + "," + GOAL + ",notNumber",
                CLIENT_ID + "," + GOAL + ",-" + past,
                CLIENT_ID + "," + GOAL + ",0",
                CLIENT_ID + "," + GOAL + ",2147483647",
                CLIENT_ID + "," + GOAL + "," + future,
                CLIENT_ID + "," + GOAL + ",1.7e9",
                ",,",
                CLIENT_ID + "," + GOAL);
    }

    @ParameterizedTest
    @MethodSource("badRows")
    void aBadRowIsDroppedAndTheRestAccepted(String badRow) {
        JsonNode upload = uploading(SANDBOX.api.upload(TOKEN, COUNTER,
                MetricaApi.csv("ClientId,Target,DateTime", badRow, CLIENT_ID + "," + GOAL + "," + AN_HOUR_AGO)));
        assertThat(upload.path("source_quantity").asInt()).isEqualTo(2);
        assertThat(upload.path("line_quantity").asInt()).isEqualTo(1);
        assertThat(upload.path("status").asText()).isEqualTo("UPLOADED");
    }

    @Test
    void boundariesThatAreStillValid() {
        String csv = MetricaApi.csv("ClientId,Yclid,Target,DateTime",
                MAX_UINT64 + ",," + GOAL + "," + AN_HOUR_AGO,
                "0,," + GOAL + "," + AN_HOUR_AGO,
                "," + MAX_UINT64 + "," + GOAL + "," + AN_HOUR_AGO,
                CLIENT_ID + ",," + GOAL + "," + NOW.getEpochSecond(),
                CLIENT_ID + ",," + GOAL + ",1481718166.12345",
                "notNumber," + YCLID + "," + GOAL + "," + AN_HOUR_AGO);
        JsonNode upload = uploading(SANDBOX.api.upload(TOKEN, COUNTER, csv));
        assertThat(upload.path("source_quantity").asInt()).isEqualTo(6);
        assertThat(upload.path("line_quantity").asInt()).isEqualTo(6);
        assertThat(upload.has("client_id_type")).isFalse();
    }

    @Test
    void aFutureToleranceLetsSlightlyFutureRowsThrough() {
        String csv = MetricaApi.csv("ClientId,Target,DateTime",
                CLIENT_ID + "," + GOAL + "," + NOW.plus(Duration.ofMinutes(1)).getEpochSecond());
        SANDBOX.sandbox.switches().rejectUploadsWithoutValidRows(false);
        assertThat(uploading(SANDBOX.api.upload(TOKEN, COUNTER, csv)).path("line_quantity").asInt()).isZero();
        SANDBOX.sandbox.switches().futureTolerance(Duration.ofMinutes(1));
        assertThat(uploading(SANDBOX.api.upload(TOKEN, COUNTER, csv)).path("line_quantity").asInt()).isEqualTo(1);
    }

    @Test
    void aBadPriceOrCurrencyKeepsTheRow() {
        String csv = MetricaApi.csv(HEADER,
                CLIENT_ID + "," + GOAL + "," + AN_HOUR_AGO + ",notNumber,RUB",
                CLIENT_ID + "," + GOAL + "," + AN_HOUR_AGO + ",12,notNumber",
                CLIENT_ID + "," + GOAL + "," + AN_HOUR_AGO + ",12,XYZ",
                CLIENT_ID + "," + GOAL + "," + AN_HOUR_AGO + ",1 000,RUB",
                CLIENT_ID + "," + GOAL + "," + AN_HOUR_AGO + ",,",
                CLIENT_ID + "," + GOAL + "," + AN_HOUR_AGO + ",  ,  ");
        JsonNode upload = uploading(SANDBOX.api.upload(TOKEN, COUNTER, csv));
        assertThat(upload.path("source_quantity").asInt()).isEqualTo(6);
        assertThat(upload.path("line_quantity").asInt()).isEqualTo(6);
    }

    @Test
    void priceAndCurrencyMayBeLeftOut() {
        JsonNode upload = uploading(SANDBOX.api.upload(TOKEN, COUNTER,
                MetricaApi.csv("UserId,Target,DateTime", USER_ID + "," + GOAL + "," + AN_HOUR_AGO)));
        assertThat(upload.path("line_quantity").asInt()).isEqualTo(1);
        assertThat(upload.path("client_id_type").asText()).isEqualTo("USER_ID");
    }

    @Test
    void headersAreMatchedIgnoringCaseSpacesPunctuationAndOrder() {
        String csv = MetricaApi.csv("'Price',[Target], UserId ,\"Currency\",Date Time,Comment",
                "99.90," + GOAL + "," + USER_ID + ",usd," + AN_HOUR_AGO + ",anything");
        JsonNode upload = uploading(SANDBOX.api.upload(TOKEN, COUNTER, csv));
        assertThat(upload.path("line_quantity").asInt()).isEqualTo(1);
        assertThat(upload.path("client_id_type").asText()).isEqualTo("USER_ID");
        assertThat(SANDBOX.sandbox.received().uploads().get(0).rows()).containsExactly(Map.of(
                "price", "99.90", "target", GOAL, "userid", USER_ID, "currency", "usd",
                "datetime", Long.toString(AN_HOUR_AGO), "comment", "anything"));
    }

    @Test
    void aUtf8ByteOrderMarkBeforeTheHeaderIsHarmless() {
        JsonNode upload = uploading(SANDBOX.api.upload(TOKEN, COUNTER, "\uFEFF" + MetricaApi.csv(HEADER, GOOD)));
        assertThat(upload.path("line_quantity").asInt()).isEqualTo(1);
    }

    @Test
    void quotedValuesCyrillicAndBlankLines() {
        String csv = "\n" + HEADER + "\r\n"
                + "\n"
                + "\"" + CLIENT_ID + "\",\"цель, \"\"заказ\"\"\"," + AN_HOUR_AGO + ",\"1.5\",RUB\r\n"
                + "  \t\n"
                + " " + CLIENT_ID + " ,\t" + GOAL + "\t,  " + AN_HOUR_AGO + "  ,2,RUB\n"
                + "\n";
        JsonNode upload = uploading(SANDBOX.api.upload(TOKEN, COUNTER, csv));
        assertThat(upload.path("source_quantity").asInt()).isEqualTo(2);
        assertThat(upload.path("line_quantity").asInt()).isEqualTo(2);
        List<Map<String, String>> rows = SANDBOX.sandbox.received().uploads().get(0).rows();
        assertThat(rows).extracting(row -> row.get("target")).containsExactly("цель, \"заказ\"", GOAL);
        assertThat(rows).extracting(row -> row.get("clientid")).containsExactly(CLIENT_ID, CLIENT_ID);
    }

    @Test
    void aValueMayHoldALineBreakInsideQuotes() {
        String csv = MetricaApi.csv("UserId,Target,DateTime", "\"user\nwith break\"," + GOAL + "," + AN_HOUR_AGO);
        assertThat(uploading(SANDBOX.api.upload(TOKEN, COUNTER, csv)).path("line_quantity").asInt()).isEqualTo(1);
        assertThat(SANDBOX.sandbox.received().uploads().get(0).rows().get(0))
                .containsEntry("userid", "user\nwith break");
    }

    @Test
    void clientIdTypeComesFromTheParameterOrTheOnlyIdentifierColumn() {
        String yclidOnly = MetricaApi.csv("Yclid,Target,DateTime", YCLID + "," + GOAL + "," + AN_HOUR_AGO);
        assertThat(uploading(SANDBOX.api.upload(TOKEN, COUNTER, yclidOnly)).path("client_id_type").asText())
                .isEqualTo("YCLID");
        String purchaseOnly = MetricaApi.csv("PurchaseId,Target,DateTime", "order-1," + GOAL + "," + AN_HOUR_AGO);
        assertThat(uploading(SANDBOX.api.upload(TOKEN, COUNTER, purchaseOnly)).path("client_id_type").asText())
                .isEqualTo("PURCHASE_ID");
        String mixed = MetricaApi.csv("ClientId,UserId,Target,DateTime",
                CLIENT_ID + "," + USER_ID + "," + GOAL + "," + AN_HOUR_AGO);
        assertThat(uploading(SANDBOX.api.upload(TOKEN, COUNTER, mixed)).has("client_id_type")).isFalse();
        assertThat(uploading(SANDBOX.api.upload(TOKEN, COUNTER, "?client_id_type=USER_ID", mixed))
                .path("client_id_type").asText()).isEqualTo("USER_ID");
    }

    @Test
    void extraFieldsBeyondTheHeaderAreIgnored() {
        String csv = MetricaApi.csv("ClientId,Target,DateTime", CLIENT_ID + "," + GOAL + "," + AN_HOUR_AGO + ",extra");
        assertThat(uploading(SANDBOX.api.upload(TOKEN, COUNTER, csv)).path("line_quantity").asInt()).isEqualTo(1);
    }
}
