package org.metricagateway.ingest;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** Ingest counters, scraped from the management port's /observe/metrics. */
public final class IngestMetrics {
    private final MeterRegistry registry;
    private final Counter accepted;
    private final Counter duplicates;
    private final Timer queued;
    private final Timer write;

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.accepted = Counter.builder("gateway.conversions.accepted")
                .description("Conversions stored by the ingest endpoint").register(registry);
        this.duplicates = Counter.builder("gateway.conversions.duplicates")
                .description("Conversions not stored again because the webhook already had them").register(registry);
        // Where an ingest request's time goes once it is valid: waiting for a writer (writers saturated) or in the
        // transaction (the database).
        this.queued = Timer.builder("gateway.ingest.queued")
                .description("Time a valid ingest request waited for a writer thread to take it").register(registry);
        this.write = Timer.builder("gateway.ingest.write")
                .description("Time of one group-commit transaction, from taking its requests to its commit")
                .register(registry);
    }

    public void queued(long nanos) {
        queued.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void written(long nanos) {
        write.record(nanos, TimeUnit.NANOSECONDS);
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
