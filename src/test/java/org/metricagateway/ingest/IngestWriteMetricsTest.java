package org.metricagateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.metricagateway.support.Http;
import org.metricagateway.support.Ingest;
import org.metricagateway.support.TestGateway;
import org.metricagateway.support.Webhooks;
import org.metricagateway.support.Webhooks.CreatedWebhook;

/**
 * Where an accepted request's time went, for operators: waiting for a writer thread (gateway_ingest_queued_seconds,
 * one sample per request) and the group-commit transaction (gateway_ingest_write_seconds, one per transaction).
 */
class IngestWriteMetricsTest {

    @Test
    void eachStoredRequestIsTimedInTheQueueAndInItsTransaction() {
        CreatedWebhook webhook = Webhooks.create("write-metrics", 105, null);
        String before = metrics();

        // One after the other: each request is alone in its transaction.
        assertThat(Ingest.post(webhook, List.of(Ingest.conversion(1))).status()).isEqualTo(202);
        assertThat(Ingest.post(webhook, List.of(Ingest.conversion(2), Ingest.conversion(3))).status()).isEqualTo(202);

        String after = metrics();
        for (String timer : List.of("gateway_ingest_queued_seconds", "gateway_ingest_write_seconds")) {
            assertThat(value(after, timer + "_count") - value(before, timer + "_count")).as(timer)
                    .isGreaterThanOrEqualTo(2);
            assertThat(value(after, timer + "_sum")).as(timer).isGreaterThan(value(before, timer + "_sum"));
        }
        assertThat(value(after, "gateway_ingest_write_seconds_max")).isPositive();
    }

    private static String metrics() {
        return Http.send(Http.request(TestGateway.get().managementUrl() + "/observe/metrics")).body();
    }

    private static double value(String metrics, String series) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(series) + "(?:\\{[^}]*})? (\\S+)$").matcher(metrics);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }
}
