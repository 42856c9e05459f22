package org.metricagateway.sandbox;

import java.util.Map;
import java.util.Optional;

/** Whole-number path and query parameters: anything else is Metrica's 400 "Wrong parameter value". */
final class NumberParameter {
    static final String COUNTER_ID = "counterId";

    private NumberParameter() {
    }

    static long parseLong(String raw, String name) {
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw MetricaError.wrongParameter(name);
        }
    }

    /** Counter ids are positive int32 in Metrica's OpenAPI. */
    static long counterId(String raw) {
        long id = parseLong(raw, COUNTER_ID);
        if (id < 1 || id > Integer.MAX_VALUE) {
            throw MetricaError.wrongParameter(COUNTER_ID);
        }
        return id;
    }

    static int nonNegative(Map<String, String> query, String name, int fallback) {
        Optional<String> raw = Optional.ofNullable(query.get(name));
        if (raw.isEmpty()) {
            return fallback;
        }
        long value = parseLong(raw.get(), name);
        if (value < 0 || value > Integer.MAX_VALUE) {
            throw MetricaError.wrongParameter(name);
        }
        return (int) value;
    }
}
