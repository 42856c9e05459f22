package org.metricagateway.webhooks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

/**
 * When each active webhook last received a conversion, and its usual interval between conversions, for alerts on a
 * webhook that falls silent (a CRM that stopped sending). Read from the database by
 * {@code sql/webhook-rhythm.sql} on the gauges timer (routes/status-polling.yaml), so every replica reports the same
 * values; deactivated webhooks disappear.
 */
public final class WebhookActivityGauges {
    private final MultiGauge lastConversion;
    private final MultiGauge usualInterval;

    public WebhookActivityGauges(MeterRegistry meters) {
        lastConversion = MultiGauge.builder("gateway.webhook.last.conversion.timestamp.seconds")
                .description("Unix time of the latest conversion stored for the webhook (0: none yet)")
                .register(meters);
        usualInterval = MultiGauge.builder("gateway.webhook.usual.interval.seconds")
                .description("Median gap between the webhook's latest 30 receive times within the 7 days before its"
                        + " latest conversion (0: unknown)")
                .register(meters);
    }

    /** Rows of sql/webhook-rhythm.sql: webhook_id, last_conversion_seconds, usual_interval_seconds. */
    public void update(List<Map<String, Object>> rows) {
        List<MultiGauge.Row<?>> last = new ArrayList<>();
        List<MultiGauge.Row<?>> usual = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            Tags webhook = Tags.of("webhook", (String) row.get("webhook_id"));
            last.add(MultiGauge.Row.of(webhook, ((Number) row.get("last_conversion_seconds")).doubleValue()));
            usual.add(MultiGauge.Row.of(webhook, ((Number) row.get("usual_interval_seconds")).doubleValue()));
        }
        lastConversion.register(last, true);
        usualInterval.register(usual, true);
    }
}
