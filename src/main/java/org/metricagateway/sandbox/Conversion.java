package org.metricagateway.sandbox;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** A row that passed upload validation: at least one well-formed identifier, a Target and a past DateTime. */
record Conversion(Map<IdentifierType, String> identifiers, String target, BigDecimal dateTime,
                  Optional<BigDecimal> price, Optional<String> currency) {
    private static final long FNV_OFFSET_BASIS = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    Conversion {
        identifiers = Map.copyOf(identifiers);
    }

    Instant moment() {
        return UnixSeconds.toInstant(dateTime);
    }

    /**
     * What makes two rows the same conversion, for duplicate detection (identifiers, Target and DateTime), as a 64-bit
     * FNV-1a hash of their text ({@link SeenRows} says why a hash).
     */
    long fingerprint() {
        StringBuilder identity = new StringBuilder(64);
        for (IdentifierType type : IdentifierType.values()) {
            String value = identifiers.get(type);
            if (value != null) {
                identity.append(type.ordinal()).append('=').append(value).append('|');
            }
        }
        identity.append(target).append('|').append(dateTime.stripTrailingZeros().toPlainString());
        long hash = FNV_OFFSET_BASIS;
        for (int i = 0; i < identity.length(); i++) {
            hash = (hash ^ identity.charAt(i)) * FNV_PRIME;
        }
        return hash;
    }
}
