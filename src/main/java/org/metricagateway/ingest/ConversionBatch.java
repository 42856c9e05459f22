package org.metricagateway.ingest;

import java.util.List;

import jakarta.validation.Valid;

/**
 * The conversions of one ingest request, validated together: one invalid conversion rejects the request.
 * {@code ignored} counts the events an adapter acknowledged without a conversion (null for canonical JSON).
 */
public record ConversionBatch(List<@Valid ConversionInput> conversions, Integer ignored) {
    @Override
    public String toString() {
        return "ConversionBatch[" + conversions.size() + " conversions]";
    }
}
