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
        int httpWorkerThreads,
        List<String> trustedProxies,
        Duration secretGracePeriod,
        Duration webhookCacheTtl,
        String metricaSandboxHost,
        int metricaSandboxPort,
        String metricaSandboxToken,
        Duration metricaSandboxExportedDelay,
        Duration metricaSandboxMatchedDelay,
        Duration metricaSandboxProcessedDelay) {

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
                p.positiveInt("http.worker-threads"),
                p.list("ingest.trusted-proxies"),
                Duration.ofSeconds(p.nonNegativeInt("webhooks.secret-grace-period-seconds")),
                Duration.ofMillis(p.nonNegativeInt("webhooks.cache-ttl-ms")),
                p.required("metrica.sandbox.host"),
                p.nonNegativeInt("metrica.sandbox.port"),
                p.required("metrica.sandbox.token"),
                Duration.ofSeconds(p.nonNegativeInt("metrica.sandbox.exported-delay-seconds")),
                Duration.ofSeconds(p.nonNegativeInt("metrica.sandbox.matched-delay-seconds")),
                Duration.ofSeconds(p.nonNegativeInt("metrica.sandbox.processed-delay-seconds")));
    }

    public boolean usesEmbeddedDatabase() {
        return databaseUrl.isEmpty();
    }
}
