package org.metricagateway.config;

import java.time.Duration;

import org.apache.camel.spi.PropertiesComponent;

/**
 * Settings of the Bitrix24 adapter's deal fetches (keys {@code bitrix24.*}, documented in application.properties
 * and the README). The fetch schedule's own keys (interval, batch size, lease) are read by the route and the claim
 * statement; they are checked here too, so that a bad value stops the start with the key's name.
 */
public record Bitrix24Config(
        Duration fetchInterval,
        int fetchBatchSize,
        Duration fetchLease,
        int fetchMaxAttempts,
        Duration fetchMaxAge,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration connectTimeout,
        Duration responseTimeout) {

    public Bitrix24Config {
        if (fetchLease.compareTo(connectTimeout.plus(responseTimeout).multipliedBy(2)) <= 0) {
            throw new IllegalStateException("bitrix24.fetch-lease-ms must be longer than twice"
                    + " bitrix24.connect-timeout-ms plus bitrix24.response-timeout-ms, or a slow fetch could be"
                    + " claimed again by another replica while it runs");
        }
    }

    public static Bitrix24Config from(PropertiesComponent properties) {
        PropertyReader p = new PropertyReader(properties);
        return new Bitrix24Config(
                Duration.ofMillis(p.positiveInt("bitrix24.fetch-interval-ms")),
                p.positiveInt("bitrix24.fetch-batch-size"),
                Duration.ofMillis(p.positiveInt("bitrix24.fetch-lease-ms")),
                p.positiveInt("bitrix24.fetch-max-attempts"),
                Duration.ofMillis(p.positiveInt("bitrix24.fetch-max-age-ms")),
                Duration.ofMillis(p.positiveInt("bitrix24.initial-backoff-ms")),
                Duration.ofMillis(p.positiveInt("bitrix24.max-backoff-ms")),
                Duration.ofMillis(p.positiveInt("bitrix24.connect-timeout-ms")),
                Duration.ofMillis(p.positiveInt("bitrix24.response-timeout-ms")));
    }
}
