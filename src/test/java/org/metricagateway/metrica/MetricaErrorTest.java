package org.metricagateway.metrica;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.apache.camel.http.base.HttpOperationFailedException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.metricagateway.metrica.MetricaError.Kind;

/** The retry decision for every class of failure (the delivery tests drive the same paths over HTTP). */
class MetricaErrorTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "400, invalid_uploading, PERMANENT, false",
            "404, not_found, PERMANENT, false",
            "401, unauthorized, TOKEN, false",
            "403, invalid_token, TOKEN, false",
            "403, access_denied, TOKEN, false",
            "429, quota_requests_by_ip, SHORT_QUOTA, true",
            "429, quota_parallel_requests, SHORT_QUOTA, true",
            "420, quota_requests_by_ip, SHORT_QUOTA, true",
            "429, quota_requests_by_uid, DAILY_QUOTA, false",
            "420, quota_requests_by_counter_id, DAILY_QUOTA, false",
            "503, backend_error, AMBIGUOUS, true",
            "504, timeout, AMBIGUOUS, true",
            "500, backend_error, AMBIGUOUS, true"})
    void httpAnswersAreClassifiedByStatusAndErrorType(int status, String type, Kind kind, boolean retryable) {
        String body = "{\"errors\":[{\"error_type\":\"" + type + "\",\"message\":\"m\"}],\"code\":" + status + "}";
        MetricaError error = MetricaError.classify(new HttpOperationFailedException("http://x", status, "s", null,
                null, body));
        assertThat(error.kind()).isEqualTo(kind);
        assertThat(error.errorType()).isEqualTo(type);
        assertThat(error.retryable()).isEqualTo(retryable);
    }

    @Test
    void anAnswerThatIsNotMetricasEnvelopeIsJudgedByItsStatus() {
        MetricaError error = MetricaError.classify(new HttpOperationFailedException("http://x", 502, "Bad Gateway",
                null, null, "<html>bad gateway</html>"));
        assertThat(error.kind()).isEqualTo(Kind.AMBIGUOUS);
        assertThat(error.errorType()).isEqualTo("http_502");
    }

    @Test
    void transportFailures() {
        assertThat(MetricaError.classify(new ConnectException("refused")).kind()).isEqualTo(Kind.NOT_SENT);
        assertThat(MetricaError.classify(new IOException(new SocketTimeoutException("read"))).kind())
                .isEqualTo(Kind.AMBIGUOUS);
        assertThat(MetricaError.classify(new IOException("reset")).kind()).isEqualTo(Kind.AMBIGUOUS);
        assertThat(MetricaError.classify(new MetricaUnavailable("spent", true)).kind())
                .isEqualTo(Kind.DAILY_QUOTA);
        assertThat(MetricaError.classify(new MetricaUnavailable("busy", false)).retryable()).isTrue();
    }

    @Test
    void onlyAnswersThatRefuseTheFileProveItWasNotStored() {
        assertThat(MetricaError.fromHttp(400, "").provesNotStored()).isTrue();
        assertThat(MetricaError.fromHttp(429, "").provesNotStored()).isTrue();
        assertThat(MetricaError.fromHttp(503, "").provesNotStored()).isFalse();
        assertThat(MetricaError.classify(new IllegalStateException("after the 200")).provesNotStored()).isFalse();
        assertThat(MetricaError.classify(new ConnectException("refused")).provesNotStored()).isTrue();
    }

    @Test
    void backoffGrowsExponentiallyWithJitterWithinItsCap() {
        UploadRetryPolicy policy = new UploadRetryPolicy(null, 10, Duration.ofHours(1), Duration.ofSeconds(1),
                Duration.ofSeconds(60), Clock.systemUTC());
        MetricaError ambiguous = MetricaError.fromHttp(503, "");
        for (int attempt = 1; attempt <= 12; attempt++) {
            long expected = Math.min(1000L << (attempt - 1), 60_000L);
            assertThat(policy.delayMillis(attempt, ambiguous)).isBetween(expected / 2, expected * 3 / 2);
        }
        assertThat(policy.delayMillis(1, MetricaError.fromHttp(429, ""))).isGreaterThanOrEqualTo(1000);
    }

    @Test
    void theDailyQuotaResetsAtMidnightUtc() {
        assertThat(UploadRetryPolicy.nextUtcMidnight(Instant.parse("2026-11-26T23:59:59Z")))
                .isEqualTo(Instant.parse("2026-11-27T00:00:00Z"));
        assertThat(UploadRetryPolicy.nextUtcMidnight(Instant.parse("2026-11-26T00:00:00Z")))
                .isEqualTo(Instant.parse("2026-11-27T00:00:00Z"));
    }
}
