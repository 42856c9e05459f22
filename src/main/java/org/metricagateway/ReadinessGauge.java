package org.metricagateway;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;

/**
 * {@code gateway_ready}: 1 while every readiness check is UP (what {@code /observe/health/ready} answers 200 for),
 * else 0. Evaluated at each scrape, so that an alert can count how often a replica goes in and out of readiness.
 */
final class ReadinessGauge {
    private ReadinessGauge() {
    }

    static void register(CamelContext context, MeterRegistry meters) {
        Gauge.builder("gateway.ready", context, ReadinessGauge::ready)
                .description("1 while every readiness check is UP (the readiness endpoint answers 200), else 0")
                .register(meters);
    }

    private static double ready(CamelContext context) {
        return HealthCheckHelper.invokeReadiness(context).stream()
                .allMatch(result -> result.getState() == HealthCheck.State.UP) ? 1 : 0;
    }
}
