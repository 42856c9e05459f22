package org.metricagateway.sandbox;

import java.time.Clock;

import org.metricagateway.config.GatewaySettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the sandbox for {@code make run}: permissive seed, real clock, the configured address and delays. */
public final class SandboxLauncher {
    /** A local run's batches are processed within seconds; the sandbox needs to remember only the recent ones. */
    static final int LOCAL_RUN_RETAINED_UPLOADS = 100;
    private static final Logger LOG = LoggerFactory.getLogger(SandboxLauncher.class);

    private SandboxLauncher() {
    }

    /**
     * Every counter is open to {@code metrica.sandbox.token}, every goal and visitor is known, so valid uploads end
     * PROCESSED after the configured delays. The caller stops the sandbox.
     */
    public static MetricaSandbox startForLocalRun(GatewaySettings settings) {
        MetricaSandbox sandbox = MetricaSandbox.builder()
                .host(settings.metricaSandboxHost())
                .port(settings.metricaSandboxPort())
                .clock(Clock.systemUTC())
                .retainUploads(LOCAL_RUN_RETAINED_UPLOADS)
                .processingDelays(new ProcessingDelays(settings.metricaSandboxExportedDelay(),
                        settings.metricaSandboxMatchedDelay(), settings.metricaSandboxProcessedDelay()))
                .build();
        sandbox.seed().permissive(settings.metricaSandboxToken());
        sandbox.start();
        LOG.warn("Metrica sandbox at {}: uploads go to the local sandbox, not to Yandex Metrica"
                + " (set METRICA_TOKEN to upload for real)", sandbox.baseUrl());
        return sandbox;
    }
}
