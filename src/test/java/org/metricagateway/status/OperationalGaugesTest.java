package org.metricagateway.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.metricagateway.metrica.MetricaTokens;
import org.metricagateway.support.Deadline;
import org.metricagateway.support.DeliveryRig;
import org.metricagateway.support.Metrics;
import org.metricagateway.support.Webhooks.CreatedWebhook;

/**
 * The gauges alerts are written against (docs/operations.md, "Metrics"): token budgets, paused counters, and each
 * webhook's latest conversion and usual interval, read from /observe/metrics after real actions.
 */
class OperationalGaugesTest {
    private static final Duration LIMIT = Duration.ofSeconds(30);
    private static DeliveryRig rig;

    @BeforeAll
    static void start() {
        rig = DeliveryRig.start(Map.of("metrica.daily-request-budget", "1234"));
    }

    @AfterAll
    static void stop() {
        rig.close();
    }

    @Test
    void everyConfiguredTokenReportsItsDailyBudgetUnderTheLabelOfItsUsage() {
        String tokenId = MetricaTokens.tokenId(DeliveryRig.TOKEN);
        assertThat(value("gateway_metrica_quota_budget", "token=\"" + tokenId + "\"")).contains(1234.0);
        rig.counter(711, "71001");
        rig.send(rig.webhook(711), "71001");
        Deadline.within(LIMIT).until(() -> value("gateway_metrica_quota_used", "token=\"" + tokenId + "\"")
                .filter(used -> used >= 1).isPresent());
    }

    @Test
    void aCounterPausedByARefusedTokenIsCountedUntilResumed() {
        // Counter 712 exists, but the rig's login has no access to it: 403, and the counter is paused.
        rig.sandbox().seed().counter(712).goals(DeliveryRig.GOAL);
        rig.send(rig.webhook(712), "72001");
        Deadline.within(LIMIT).until(() -> !rig.query("SELECT 1 FROM metrica_counter_pauses WHERE counter_id = 712")
                .isEmpty());
        Deadline.within(LIMIT).until(() -> pausedGaugeMatchesDatabase() && paused() >= 1);
        double whilePaused = paused();

        rig.sandbox().seed().counter(712).grant(DeliveryRig.LOGIN);
        assertThat(rig.admin("POST", "/api/counters/712/resume", null).status()).isEqualTo(200);
        Deadline.within(LIMIT).until(() -> pausedGaugeMatchesDatabase() && paused() == whilePaused - 1);
    }

    @Test
    void aWebhookReportsItsLatestConversionAndItsUsualInterval() {
        rig.counter(713, "73001");
        CreatedWebhook webhook = rig.webhook(713);
        String label = "webhook=\"" + webhook.id() + "\"";
        Deadline.within(LIMIT).until(() -> value("gateway_webhook_last_conversion_timestamp_seconds", label)
                .isPresent());
        assertThat(value("gateway_webhook_last_conversion_timestamp_seconds", label)).as("none yet").contains(0.0);
        assertThat(value("gateway_webhook_usual_interval_seconds", label)).as("unknown").contains(0.0);

        // Its history, as the CRM sent it over the last hour: a conversion every 10 minutes (received_at cannot be
        // set through the API). Inserted oldest first, as ids grow with time.
        long batchId = (Long) rig.query("INSERT INTO webhook_batches (counter_id, identifier_columns, status)"
                + " VALUES (713, 'ClientId', 'processed') RETURNING id").get(0).get("id");
        rig.query("WITH history AS (INSERT INTO webhook_conversions (webhook_id, counter_id, dedup_key, client_id,"
                + " target, event_time, received_at)"
                + " SELECT ?::uuid, 713, md5(random()::text)::uuid, 73000 + m, 'deal_won',"
                + " now() - make_interval(mins => m), now() - make_interval(mins => m)"
                + " FROM generate_series(50, 10, -10) AS m ORDER BY m DESC RETURNING id)"
                + " INSERT INTO conversion_bundles (counter_id, identifier_columns, conversion_ids, batch_id)"
                + " SELECT 713, 'ClientId', array_agg(id ORDER BY id), ? FROM history RETURNING 1",
                webhook.id(), batchId);
        Instant before = Instant.now();
        rig.send(webhook, "73001");
        Instant after = Instant.now();

        // The gap to the conversion just sent is a little longer than 10 minutes: the median is one of the others.
        Deadline.within(LIMIT).until(() -> value("gateway_webhook_usual_interval_seconds", label)
                .filter(usual -> usual == 600.0).isPresent());
        double last = value("gateway_webhook_last_conversion_timestamp_seconds", label).orElseThrow();
        assertThat(last).isBetween(before.getEpochSecond() - 1.0, after.getEpochSecond() + 1.0);

        assertThat(rig.admin("DELETE", "/api/webhooks/" + webhook.id(), null).status()).isEqualTo(200);
        Deadline.within(LIMIT).until(() -> value("gateway_webhook_usual_interval_seconds", label).isEmpty()
                && value("gateway_webhook_last_conversion_timestamp_seconds", label).isEmpty());
    }

    @Test
    void jvmConnectionPoolAndLogMetricsAreExposedUnderTheirConventionalNames() {
        assertThat(Metrics.scrape(rig.gateway().managementUrl()))
                .contains("jvm_memory_used_bytes{", "jvm_gc_max_data_size_bytes", "process_cpu_usage",
                        "hikaricp_connections_pending{pool=\"gateway\"}", "log4j2_events_total{level=\"error\"}")
                .containsPattern("(?m)^gateway_ready 1\\.0$");
    }

    private static boolean pausedGaugeMatchesDatabase() {
        long inDatabase = (Long) rig.query("SELECT count(*) AS paused FROM metrica_counter_pauses").get(0).get("paused");
        return paused() == inDatabase;
    }

    private static double paused() {
        return value("gateway_metrica_counters_paused", "").orElseThrow();
    }

    private static Optional<Double> value(String name, String labels) {
        return Metrics.value(rig.gateway().managementUrl(), name, labels);
    }
}
