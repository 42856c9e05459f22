package org.metricagateway.config;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.camel.spi.PropertiesComponent;

/**
 * Settings of the raw request store (requests.* in application.properties): how much of a body is kept, which
 * fields are removed from it as secrets, and the retention job's period and pace. Read and checked once at start
 * (the retention route also uses them as placeholders).
 */
public record RequestSettings(int maxBodyBytes, Set<String> strippedFields, int retentionDays,
                              int retentionIntervalMs, int retentionChunkRows) {

    public static RequestSettings from(PropertiesComponent properties) {
        PropertyReader p = new PropertyReader(properties);
        return new RequestSettings(
                p.nonNegativeInt("requests.max-body-bytes"),
                p.list("requests.stripped-fields").stream().map(f -> f.toLowerCase(Locale.ROOT))
                        .collect(Collectors.toUnmodifiableSet()),
                p.positiveInt("requests.retention-days"),
                p.positiveInt("requests.retention-interval-ms"),
                p.positiveInt("requests.retention-chunk-rows"));
    }
}
