package org.metricagateway.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Ingest counters, scraped from the management port's /observe/metrics. */
public final class IngestMetrics {
    private final MeterRegistry registry;
    private final Counter accepted;
    private final Counter duplicates;

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.accepted = Counter.builder("gateway.conversions.accepted")
                .description("Conversions stored by the ingest endpoint").register(registry);
        this.duplicates = Counter.builder("gateway.conversions.duplicates")
                .description("Conversions not stored again because the webhook already had them").register(registry);
    }

    public void authFailure(String reason) {
        Counter.builder("gateway.webhook.auth.failures")
                .description("Ingest requests refused before their body was read, by reason")
                .tag("reason", reason).register(registry).increment();
    }

    public void stored(int acceptedCount, int duplicateCount) {
        accepted.increment(acceptedCount);
        duplicates.increment(duplicateCount);
    }

    /** Events of stored requests that an adapter acknowledged without a conversion (status not mapped, no id). */
    public void ignored(String format, int count) {
        if (count > 0) {
            Counter.builder("gateway.adapter.events.ignored")
                    .description("Events of accepted requests that the webhook's adapter turned into no conversion")
                    .tag("format", format).register(registry).increment(count);
        }
    }
}
