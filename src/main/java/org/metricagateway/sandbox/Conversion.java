package org.metricagateway.sandbox;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A row that passed upload validation: at least one well-formed identifier, a Target and a past DateTime. */
record Conversion(Map<IdentifierType, String> identifiers, String target, BigDecimal dateTime,
                  Optional<BigDecimal> price, Optional<String> currency) {
    Conversion {
        identifiers = Map.copyOf(identifiers);
    }

    Instant moment() {
        return UnixSeconds.toInstant(dateTime);
    }

    /** What makes two rows the same conversion, for duplicate detection: identifiers, Target and DateTime. */
    String identity() {
        return new TreeMap<>(identifiers) + "|" + target + "|" + dateTime.stripTrailingZeros().toPlainString();
    }
}
