package org.metricagateway.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.metricagateway.sandbox.MetricaAssertions.assertError;
import static org.metricagateway.sandbox.MetricaAssertions.assertInvalidDataAt;
import static org.metricagateway.sandbox.MetricaAssertions.uploading;
import static org.metricagateway.sandbox.RunningSandbox.AN_HOUR_AGO;
import static org.metricagateway.sandbox.RunningSandbox.CLIENT_ID;
import static org.metricagateway.sandbox.RunningSandbox.COUNTER;
import static org.metricagateway.sandbox.RunningSandbox.GOAL;
import static org.metricagateway.sandbox.RunningSandbox.NOW;
import static org.metricagateway.sandbox.RunningSandbox.TOKEN;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.metricagateway.support.Http;

/** Whole-request refusals (section 4.1): every one is a 400 and stores nothing. */
class SandboxUploadRequestTest {
    @RegisterExtension
    static final RunningSandbox SANDBOX = new RunningSandbox();
    private static final String ROW = CLIENT_ID + "," + GOAL + "," + AN_HOUR_AGO;
    private static final String CSV = MetricaApi.csv("ClientId,Target,DateTime", ROW);

    @Test
    void aBodyThatIsNotMultipartIs400() {
        byte[] body = CSV.getBytes(StandardCharsets.UTF_8);
        for (String contentType : List.of("text/csv", "application/octet-stream", "multipart/form-data")) {
            JsonNode json = assertError(Http.send(SANDBOX.api.post(TOKEN, COUNTER, "/upload", contentType, body)),
                    400, "invalid_parameter");
            assertThat(json.path("message").asText()).isEqualTo("Некорректный формат multipart запроса.");
        }
        assertNothingStored();
    }

    @Test
    void multipartWithoutAFilePartIs400() {
        JsonNode json = assertError(SANDBOX.api.multipart(TOKEN, COUNTER, "", List.of(new MetricaApi.Part(
                "wrong", "data.csv", "text/csv", CSV.getBytes(StandardCharsets.UTF_8)))), 400, "missing_parameter");
        assertThat(json.path("message").asText()).isEqualTo("Не найден параметр запроса.");
        assertNothingStored();
    }

    @Test
    void theFilePartNeedsNoFilenameNorContentType() {
        uploading(SANDBOX.api.multipart(TOKEN, COUNTER, "", List.of(
                new MetricaApi.Part("comment", null, null, "ignored".getBytes(StandardCharsets.UTF_8)),
                new MetricaApi.Part("file", null, null, CSV.getBytes(StandardCharsets.UTF_8)))));
        ReceivedUpload upload = SANDBOX.sandbox.received().uploads().get(0);
        assertThat(upload.fileName()).isEmpty();
        assertThat(upload.csv()).isEqualTo(CSV);
    }

    @ParameterizedTest
    @ValueSource(strings = {"?client_id_type=CLIENTID", "?client_id_type=client_id", "?client_id_type=PURCHASE_ID",
            "?type=basic", "?type=OTHER"})
    void anUnknownClientIdTypeOrTypeIs400(String query) {
        JsonNode json = assertError(SANDBOX.api.upload(TOKEN, COUNTER, query, CSV), 400, "invalid_parameter");
        assertThat(json.path("message").asText()).startsWith("Wrong parameter value");
        assertNothingStored();
    }

    @ParameterizedTest
    @ValueSource(strings = {"?comment=%F0%9F%98%80", "?comment=tab%09inside", "?comment=%E2%82%AC"})
    void aCommentWithForbiddenCharactersIs400(String query) {
        JsonNode json = assertError(SANDBOX.api.upload(TOKEN, COUNTER, query, CSV), 400, "invalid_parameter");
        assertThat(json.path("message").asText()).isEqualTo("Комментарий содержит недопустимые символы.");
        assertNothingStored();
    }

    @Test
    void aCommentOfAtMost255LettersDigitsSpacesAndPunctuationIsFine() {
        String comment = "Партия 42, batch-2026-03-10_0001 (CRM: amo) #1/2";
        JsonNode upload = uploading(SANDBOX.api.upload(TOKEN, COUNTER,
                "?comment=" + URLEncoder.encode(comment, StandardCharsets.UTF_8), CSV));
        assertThat(upload.path("comment").asText()).isEqualTo(comment);
        uploading(SANDBOX.api.upload(TOKEN, COUNTER, "?comment=" + "я".repeat(CommentRule.MAX_LENGTH), CSV));
        assertError(SANDBOX.api.upload(TOKEN, COUNTER, "?comment=" + "я".repeat(CommentRule.MAX_LENGTH + 1), CSV),
                400, "invalid_parameter");
    }

    @Test
    void aFileOverTheSizeLimitIs400() {
        SANDBOX.sandbox.switches().maxFileBytes(CSV.length());
        uploading(SANDBOX.api.upload(TOKEN, COUNTER, CSV));
        assertError(SANDBOX.api.upload(TOKEN, COUNTER, CSV + ROW + "\n"), 400, "invalid_uploading");
        assertThat(SANDBOX.sandbox.uploadings()).hasSize(1);
    }

    @Test
    void aFileThatIsNotUtf8Is400() {
        byte[] latin1 = MetricaApi.csv("ClientId,Target,DateTime", CLIENT_ID + ",café," + AN_HOUR_AGO)
                .getBytes(StandardCharsets.ISO_8859_1);
        assertError(SANDBOX.api.multipart(TOKEN, COUNTER, "", List.of(new MetricaApi.Part("file", "data.csv",
                "text/csv", latin1))), 400, "invalid_uploading");
        assertNothingStored();
    }

    @Test
    void anEmptyFileIs400AtLine1() {
        assertInvalidDataAt(SANDBOX.api.upload(TOKEN, COUNTER, ""), 1);
        assertInvalidDataAt(SANDBOX.api.upload(TOKEN, COUNTER, "\n\n"), 1);
        assertNothingStored();
    }

    @Test
    void aHeaderWithBrokenQuotingIs400AtLine1() {
        assertInvalidDataAt(SANDBOX.api.upload(TOKEN, COUNTER, MetricaApi.csv("\"Client\"Id,Target,DateTime", ROW)), 1);
    }

    @Test
    void aHeaderWithoutRowsIs400AtTheLineAfterIt() {
        assertInvalidDataAt(SANDBOX.api.upload(TOKEN, COUNTER, MetricaApi.csv("ClientId,Target,DateTime")), 2);
        assertInvalidDataAt(SANDBOX.api.upload(TOKEN, COUNTER, MetricaApi.csv("ClientId,Target,DateTime", "", " ")), 2);
    }

    @Test
    void brokenQuotingInARowIs400WithItsLineNumber() {
        String csv = MetricaApi.csv("ClientId,Target,DateTime", ROW, "", ROW, CLIENT_ID + ",\"tes\"t," + AN_HOUR_AGO);
        assertInvalidDataAt(SANDBOX.api.upload(TOKEN, COUNTER, csv), 5);
        assertNothingStored();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ClientId,DateTime", "ClientId,Target", "Target,DateTime", "Email,Target,DateTime",
            "ClientId;Target;DateTime"})
    void aHeaderWithoutTargetDateTimeOrAnIdentifierIs400(String header) {
        assertInvalidDataAt(SANDBOX.api.upload(TOKEN, COUNTER, MetricaApi.csv(header, ROW)), 1);
    }

    @Test
    void theIdentifierColumnThatClientIdTypeDemandsIsMandatory() {
        assertInvalidDataAt(SANDBOX.api.upload(TOKEN, COUNTER, "?client_id_type=USER_ID", CSV), 1);
        JsonNode upload = uploading(SANDBOX.api.upload(TOKEN, COUNTER, "?client_id_type=CLIENT_ID", CSV));
        assertThat(upload.path("client_id_type").asText()).isEqualTo("CLIENT_ID");
    }

    @Test
    void unknownColumnsAreIgnoredOrWithTheSwitchRefused() {
        String csv = MetricaApi.csv("ClientId,Target,DateTime,Email", ROW + ",someone@example.com");
        assertThat(uploading(SANDBOX.api.upload(TOKEN, COUNTER, csv)).path("line_quantity").asInt()).isEqualTo(1);
        SANDBOX.sandbox.switches().rejectUnknownColumns(true);
        assertInvalidDataAt(SANDBOX.api.upload(TOKEN, COUNTER, csv), 1);
    }

    @Test
    void aFileWithoutOneValidRowIs400OrWithTheSwitchStored() {
        String csv = MetricaApi.csv("ClientId,Target,DateTime", "notNumber," + GOAL + "," + AN_HOUR_AGO);
        assertError(SANDBOX.api.upload(TOKEN, COUNTER, csv), 400, "invalid_uploading");
        assertNothingStored();

        SANDBOX.sandbox.switches().rejectUploadsWithoutValidRows(false);
        JsonNode upload = uploading(SANDBOX.api.upload(TOKEN, COUNTER, csv));
        assertThat(upload.path("source_quantity").asInt()).isEqualTo(1);
        assertThat(upload.path("line_quantity").asInt()).isZero();
    }

    @Test
    void theLegacyJoinWindowRefusesUploadsUntilItOpens() {
        SANDBOX.sandbox.switches().joinWindowOpensAt(NOW.plus(Duration.ofDays(1)));
        JsonNode json = assertError(SANDBOX.api.upload(TOKEN, COUNTER, CSV), 400, "invalid_uploading");
        assertThat(json.path("message").asText())
                .isEqualTo("Загрузить данные сейчас невозможно. Загрузка станет доступна 2026-03-11");
        uploading(SANDBOX.api.upload(TOKEN, COUNTER, "?ignore_visit_join_threshold=1", CSV));

        SANDBOX.clock.advance(Duration.ofDays(1));
        uploading(SANDBOX.api.upload(TOKEN, COUNTER, CSV));
    }

    @Test
    void parametersAreCheckedBeforeTheBody() {
        assertError(Http.send(SANDBOX.api.post(TOKEN, COUNTER, "/upload?type=NONE", "text/plain", new byte[0])),
                400, "invalid_parameter");
        JsonNode json = assertError(SANDBOX.api.upload(TOKEN, COUNTER, "?comment=%F0%9F%98%80", ""),
                400, "invalid_parameter");
        assertThat(json.path("message").asText()).contains("Комментарий");
    }

    private static void assertNothingStored() {
        assertThat(SANDBOX.sandbox.uploadings()).isEmpty();
        assertThat(SANDBOX.sandbox.received().uploads()).isEmpty();
    }
}
