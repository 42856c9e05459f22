package org.metricagateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.metricagateway.support.Ingest;
import org.metricagateway.support.Metrics;
import org.metricagateway.support.TestGateway;
import org.metricagateway.support.Webhooks;
import org.metricagateway.support.Webhooks.CreatedWebhook;

/**
 * Where an accepted request's time went, for operators: waiting for a writer thread (gateway_ingest_queued_seconds,
 * one sample per request) and the group-commit transaction (gateway_ingest_write_seconds, one per transaction).
 */
class IngestWriteMetricsTest {
    private static final List<String> TIMERS = List.of("gateway_ingest_queued_seconds", "gateway_ingest_write_seconds");

    @Test
    void eachStoredRequestIsTimedInTheQueueAndInItsTransaction() {
        CreatedWebhook webhook = Webhooks.create("write-metrics", 105, null);
        Map<String, Double> before = series();

        // One after the other: each request is alone in its transaction.
        assertThat(Ingest.post(webhook, List.of(Ingest.conversion(1))).status()).isEqualTo(202);
        assertThat(Ingest.post(webhook, List.of(Ingest.conversion(2), Ingest.conversion(3))).status()).isEqualTo(202);

        Map<String, Double> after = series();
        for (String timer : TIMERS) {
            assertThat(after.get(timer + "_count") - before.get(timer + "_count")).as(timer)
                    .isGreaterThanOrEqualTo(2);
            assertThat(after.get(timer + "_sum")).as(timer).isGreaterThan(before.get(timer + "_sum"));
        }
        assertThat(after.get("gateway_ingest_write_seconds_max")).isPositive();
    }

    /** Each timer's _count, _sum and _max now (0 when not exposed yet). */
    private static Map<String, Double> series() {
        return TIMERS.stream()
                .flatMap(timer -> List.of(timer + "_count", timer + "_sum", timer + "_max").stream())
                .collect(Collectors.toMap(Function.identity(),
                        name -> Metrics.value(TestGateway.get().managementUrl(), name, "").orElse(0.0)));
    }
}
