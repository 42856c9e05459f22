package org.metricagateway.bitrix24;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.SocketTimeoutException;

import org.apache.camel.http.base.HttpOperationFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The retry decision for every answer Bitrix24 gives to crm.deal.get (Bitrix24AdapterTest drives the main paths
 * over HTTP; this covers the rest of the table in docs/adapters.md).
 */
class FetchErrorTest {
    private static final String URL = "https://example.bitrix24.ru/rest/1/k3h9x0qz2v8r1m5t/crm.deal.get.json";

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "400 | {\"error\":\"\",\"error_description\":\"Not found\"}                      | deal_not_found | false",
            "400 | {\"error\":\"ERROR_CORE\",\"error_description\":\"ID is not defined\"}    | http_400       | false",
            "401 | {\"error\":\"INVALID_CREDENTIALS\",\"error_description\":\"Invalid\"}     | access_denied  | false",
            "403 | {\"error\":\"insufficient_scope\"}                                         | access_denied  | false",
            "404 | <html>Not Found</html>                                                     | http_404       | false",
            "429 | {\"error\":\"QUERY_LIMIT_EXCEEDED\"}                                       | rate_limited   | true",
            "503 | {\"error\":\"QUERY_LIMIT_EXCEEDED\",\"error_description\":\"Too many\"}    | rate_limited   | true",
            "500 | {\"error\":\"INTERNAL_SERVER_ERROR\"}                                      | http_500       | true",
            "502 | <html>Bad Gateway</html>                                                   | http_502       | true"})
    void answersAreClassifiedByStatusAndBitrix24Code(int status, String body, String type, boolean retryable) {
        FetchError error = FetchError.classify(new HttpOperationFailedException(URL, status, "s", null, null, body));
        assertThat(error.type()).isEqualTo(type);
        assertThat(error.retryable()).isEqualTo(retryable);
        assertThat(error.message()).doesNotContain("k3h9x0qz2v8r1m5t");
    }

    @Test
    void networkFailuresAreRetriedAndNeverNameTheUrl() {
        FetchError refused = FetchError.classify(new RuntimeException(new ConnectException("Connect to " + URL)));
        assertThat(refused.type()).isEqualTo("connection_refused");
        assertThat(refused.retryable()).isTrue();
        FetchError timeout = FetchError.classify(new SocketTimeoutException("Read timed out"));
        assertThat(timeout.type()).isEqualTo("timeout");
        assertThat(timeout.retryable()).isTrue();
        assertThat(refused.message() + timeout.message()).doesNotContain("k3h9x0qz2v8r1m5t");
    }

    @Test
    void anAnswerThatIsNotADealFailsAtOnce() {
        FetchError invalid = FetchError.classify(new DealMapping.InvalidDeal("no STAGE_ID"));
        assertThat(invalid.type()).isEqualTo("invalid_deal");
        assertThat(invalid.retryable()).isFalse();
    }
}
