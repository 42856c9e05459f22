package org.metricagateway.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.metricagateway.sandbox.MetricaAssertions.assertError;
import static org.metricagateway.sandbox.MetricaAssertions.uploading;
import static org.metricagateway.sandbox.RunningSandbox.COUNTER;
import static org.metricagateway.sandbox.RunningSandbox.LOGIN;
import static org.metricagateway.sandbox.RunningSandbox.OTHER_COUNTER;
import static org.metricagateway.sandbox.RunningSandbox.READ_TOKEN;
import static org.metricagateway.sandbox.RunningSandbox.TOKEN;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.metricagateway.support.Http;

class SandboxQuotaTest {
    @RegisterExtension
    static final RunningSandbox SANDBOX = new RunningSandbox();
    private static final String CSV = RunningSandbox.ONE_ROW_CSV;
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void requestsPerSecondFromOneIp() {
        SANDBOX.sandbox.quotas().limits(QuotaLimits.DOCUMENTED.withPerIpPerSecond(2));
        assertThat(SANDBOX.api.list(TOKEN, COUNTER, "").status()).isEqualTo(200);
        assertThat(SANDBOX.api.upload(TOKEN, COUNTER, CSV).status()).isEqualTo(200);
        assertError(SANDBOX.api.upload(TOKEN, COUNTER, CSV), 429, "quota_requests_by_ip");
        assertError(SANDBOX.api.list(READ_TOKEN, OTHER_COUNTER, ""), 429, "quota_requests_by_ip");

        SANDBOX.clock.advance(Duration.ofSeconds(1));
        assertThat(SANDBOX.api.upload(TOKEN, COUNTER, CSV).status()).isEqualTo(200);
        assertThat(SANDBOX.sandbox.received().uploads()).hasSize(2);
    }

    @Test
    void parallelRequestsPerLogin() {
        SANDBOX.sandbox.quotas().limits(QuotaLimits.DOCUMENTED.withParallelPerLogin(1));
        SANDBOX.sandbox.failures().next(Endpoint.UPLOAD, Failure.slow(Duration.ofMinutes(1)));
        CompletableFuture<Http.Response> held = CompletableFuture.supplyAsync(
                () -> SANDBOX.api.upload(TOKEN, COUNTER, CSV));
        SANDBOX.sandbox.received().await(WAIT, traffic -> traffic.held() == 1);

        assertError(SANDBOX.api.list(READ_TOKEN, COUNTER, ""), 429, "quota_parallel_requests");
        SANDBOX.sandbox.releaseDelayedAnswers();
        uploading(held.join());
        assertThat(SANDBOX.api.list(READ_TOKEN, COUNTER, "").status()).isEqualTo(200);
    }

    @Test
    void requestsPerLoginPerDayStartAgainAtMidnightUtc() {
        SANDBOX.clock.set(Instant.parse("2026-03-10T23:59:59Z"));
        SANDBOX.sandbox.quotas().limits(QuotaLimits.DOCUMENTED.withPerLoginPerDay(2));
        assertThat(SANDBOX.api.upload(TOKEN, COUNTER, CSV).status()).isEqualTo(200);
        assertThat(SANDBOX.api.list(READ_TOKEN, OTHER_COUNTER, "").status()).isEqualTo(200);
        assertError(SANDBOX.api.upload(TOKEN, OTHER_COUNTER, CSV), 429, "quota_requests_by_uid");
        assertThat(SANDBOX.sandbox.quotas().usedToday(LOGIN)).isEqualTo(2);

        SANDBOX.clock.advance(Duration.ofSeconds(1));
        assertThat(SANDBOX.sandbox.quotas().usedToday(LOGIN)).isZero();
        assertThat(SANDBOX.api.upload(TOKEN, COUNTER, CSV).status()).isEqualTo(200);
    }

    @Test
    void requestsPerCounterPerDay() {
        SANDBOX.sandbox.quotas().limits(QuotaLimits.DOCUMENTED.withPerCounterPerDay(1));
        assertThat(SANDBOX.api.upload(TOKEN, COUNTER, CSV).status()).isEqualTo(200);
        assertError(SANDBOX.api.list(TOKEN, COUNTER, ""), 429, "quota_requests_by_counter_id");
        assertThat(SANDBOX.api.list(TOKEN, OTHER_COUNTER, "").status()).isEqualTo(200);
        assertThat(SANDBOX.sandbox.quotas().usedTodayByCounter(COUNTER)).isEqualTo(1);

        SANDBOX.clock.advance(Duration.ofDays(1));
        assertThat(SANDBOX.api.list(TOKEN, COUNTER, "").status()).isEqualTo(200);
    }

    @Test
    void theLegacySwitchAnswers420() {
        SANDBOX.sandbox.quotas().limits(QuotaLimits.DOCUMENTED.withPerLoginPerDay(1));
        SANDBOX.sandbox.switches().legacyQuotaStatus(true);
        assertThat(SANDBOX.api.upload(TOKEN, COUNTER, CSV).status()).isEqualTo(200);
        assertError(SANDBOX.api.upload(TOKEN, COUNTER, CSV), 420, "quota_requests_by_uid");
        assertThat(SANDBOX.sandbox.received().count(Endpoint.UPLOAD, 420)).isEqualTo(1);
    }

    @Test
    void refusedRequestsUseNoQuota() {
        SANDBOX.sandbox.quotas().limits(QuotaLimits.DOCUMENTED.withPerIpPerSecond(1));
        assertError(SANDBOX.api.upload("unknown", COUNTER, CSV), 403, "invalid_token");
        assertThat(SANDBOX.api.upload(TOKEN, COUNTER, CSV).status()).isEqualTo(200);
        assertError(SANDBOX.api.upload(TOKEN, COUNTER, CSV), 429, "quota_requests_by_ip");
        assertThat(SANDBOX.sandbox.quotas().usedToday(LOGIN)).isEqualTo(1);
    }
}
