package org.metricagateway.config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.apache.camel.spi.PropertiesComponent;

/** Typed access to Camel properties, failing at start with the key's name when a value is missing or malformed. */
final class PropertyReader {
    private final PropertiesComponent properties;

    PropertyReader(PropertiesComponent properties) {
        this.properties = properties;
    }

    Optional<String> optional(String key) {
        return properties.resolveProperty(key).map(String::trim).filter(v -> !v.isEmpty());
    }

    String required(String key) {
        return optional(key).orElseThrow(() -> new IllegalStateException("Missing setting: " + key));
    }

    String oneOf(String key, String... allowed) {
        String value = required(key);
        if (!List.of(allowed).contains(value)) {
            throw new IllegalStateException("Setting " + key + " must be one of " + String.join(", ", allowed)
                    + ", got '" + value + "'");
        }
        return value;
    }

    int positiveInt(String key) {
        int value = integer(key);
        if (value <= 0) {
            throw new IllegalStateException("Setting " + key + " must be positive, got " + value);
        }
        return value;
    }

    int nonNegativeInt(String key) {
        int value = integer(key);
        if (value < 0) {
            throw new IllegalStateException("Setting " + key + " must not be negative, got " + value);
        }
        return value;
    }

    List<String> list(String key) {
        return optional(key)
                .map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
    }

    private int integer(String key) {
        String raw = required(key);
        try {
            return Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("Setting " + key + " must be a whole number, got '" + raw + "'");
        }
    }
}
