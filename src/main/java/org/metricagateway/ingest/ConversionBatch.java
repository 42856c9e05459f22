package org.metricagateway.ingest;

import java.util.List;

import jakarta.validation.Valid;

/** The conversions of one ingest request, validated together: one invalid conversion rejects the request. */
public record ConversionBatch(List<@Valid ConversionInput> conversions) {
    @Override
    public String toString() {
        return "ConversionBatch[" + conversions.size() + " conversions]";
    }
}
