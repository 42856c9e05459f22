package org.metricagateway.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.apache.camel.spi.PropertiesComponent;

/**
 * The gateway's own settings, read once at start from Camel's properties (application.properties, overridden by
 * environment variables: key {@code database.url} is overridden by {@code DATABASE_URL}). Every key and its
 * default is documented in application.properties and the README.
 */
public record GatewaySettings(
        Path dataDir,
        Optional<String> databaseUrl,
        Optional<String> databaseUser,
        Optional<String> databasePassword,
        int databasePoolSize,
        Duration databaseConnectionTimeout,
        Duration databaseStatementTimeout,
        Optional<String> adminToken,
        int ingestMaxConversions,
        Duration ingestClockSkew,
        Duration ingestAttributionWindow,
        int ingestWriteBatchMaxRows,
        int ingestWriterThreads,
        int ingestCopyMinRows,
        int httpWorkerThreads,
        List<String> trustedProxies,
        Duration secretGracePeriod,
        Duration webhookCacheTtl,
        int batchMaxSize,
        Duration batchCompletionInterval,
        Duration batchRecoveryMinAge,
        Optional<String> metricaApiUrl,
        Optional<String> metricaToken,
        Optional<String> metricaTokens,
        int metricaDailyRequestBudget,
        int metricaMaxRequestsInFlight,
        Duration metricaSlotWait,
        int uploadMaxAttempts,
        Duration uploadMaxRetryDuration,
        Duration uploadInitialBackoff,
        Duration uploadMaxBackoff,
        Duration uploadLease,
        String statusPollIntervalsSeconds,
        Duration statusMaxAge,
        String statusSchedulerName,
        Duration statusClusterCheckinInterval,
        String metricaSandboxHost,
        int metricaSandboxPort,
        String metricaSandboxToken,
        Duration metricaSandboxExportedDelay,
        Duration metricaSandboxMatchedDelay,
        Duration metricaSandboxProcessedDelay,
        Duration shutdownDrainDelay,
        String logFormat) {

    public GatewaySettings {
        if (uploadLease.compareTo(uploadMaxBackoff.multipliedBy(2).plus(metricaSlotWait)) <= 0) {
            throw new IllegalStateException("upload.lease-ms must be longer than twice upload.max-backoff-ms plus"
                    + " metrica.slot-wait-ms, or a batch waiting for its next attempt could be taken by another replica");
        }
        if (batchRecoveryMinAge.compareTo(batchCompletionInterval) <= 0) {
            throw new IllegalStateException("batching.recovery-min-age-ms must be longer than"
                    + " batching.completion-interval-ms, or the sweep would re-feed groups still being aggregated");
        }
    }

    public static GatewaySettings from(PropertiesComponent properties) {
        PropertyReader p = new PropertyReader(properties);
        return new GatewaySettings(
                Path.of(p.required("data-dir")),
                p.optional("database.url"),
                p.optional("database.user"),
                p.optional("database.password"),
                p.positiveInt("database.pool-size"),
                Duration.ofMillis(p.positiveInt("database.connection-timeout-ms")),
                Duration.ofMillis(p.positiveInt("database.statement-timeout-ms")),
                p.optional("admin.token"),
                p.positiveInt("ingest.max-conversions"),
                Duration.ofSeconds(p.nonNegativeInt("ingest.clock-skew-seconds")),
                Duration.ofDays(p.positiveInt("ingest.attribution-window-days")),
                p.positiveInt("ingest.write-batch-max-rows"),
                p.positiveInt("ingest.writer-threads"),
                p.positiveInt("ingest.copy-min-rows"),
                p.positiveInt("http.worker-threads"),
                p.list("ingest.trusted-proxies"),
                Duration.ofSeconds(p.nonNegativeInt("webhooks.secret-grace-period-seconds")),
                Duration.ofMillis(p.nonNegativeInt("webhooks.cache-ttl-ms")),
                p.positiveInt("batching.max-size"),
                Duration.ofMillis(p.positiveInt("batching.completion-interval-ms")),
                Duration.ofMillis(p.positiveInt("batching.recovery-min-age-ms")),
                p.optional("metrica.api-url"),
                p.optional("metrica.token"),
                p.optional("metrica.tokens"),
                p.positiveInt("metrica.daily-request-budget"),
                p.positiveInt("metrica.max-requests-in-flight"),
                Duration.ofMillis(p.positiveInt("metrica.slot-wait-ms")),
                p.positiveInt("upload.max-attempts"),
                Duration.ofMillis(p.positiveInt("upload.max-retry-duration-ms")),
                Duration.ofMillis(p.positiveInt("upload.initial-backoff-ms")),
                Duration.ofMillis(p.positiveInt("upload.max-backoff-ms")),
                Duration.ofMillis(p.positiveInt("upload.lease-ms")),
                p.required("status.poll-intervals-seconds"),
                Duration.ofSeconds(p.positiveInt("status.max-age-seconds")),
                p.required("status.scheduler-name"),
                Duration.ofMillis(p.positiveInt("status.cluster-checkin-interval-ms")),
                p.required("metrica.sandbox.host"),
                p.nonNegativeInt("metrica.sandbox.port"),
                p.required("metrica.sandbox.token"),
                Duration.ofSeconds(p.nonNegativeInt("metrica.sandbox.exported-delay-seconds")),
                Duration.ofSeconds(p.nonNegativeInt("metrica.sandbox.matched-delay-seconds")),
                Duration.ofSeconds(p.nonNegativeInt("metrica.sandbox.processed-delay-seconds")),
                Duration.ofMillis(p.nonNegativeInt("shutdown.drain-delay-ms")),
                // Applied by log4j2.properties; checked here so that a typo stops the start with a clear message.
                p.oneOf("log.format", "plain", "json"));
    }

    public boolean usesEmbeddedDatabase() {
        return databaseUrl.isEmpty();
    }

    /** Without values: several settings are secrets (tokens, database password and URL). */
    @Override
    public String toString() {
        return "GatewaySettings[data-dir=" + dataDir + ", embedded database=" + usesEmbeddedDatabase() + "]";
    }
}
