package org.metricagateway.sandbox;

import java.time.Duration;
import java.util.Objects;

/**
 * How long an upload stays in each state on the sandbox clock: UPLOADED for {@code exported}, then EXPORTED for
 * {@code matched}, then MATCHED for {@code processed}, then terminal.
 */
public record ProcessingDelays(Duration exported, Duration matched, Duration processed) {
    /** A few seconds in all: the default for tests, which move a {@link MutableClock} anyway. */
    public static final ProcessingDelays QUICK = ofSeconds(1, 1, 1);
    /** Spread over the two hours Metrica's docs give as the usual processing time. */
    public static final ProcessingDelays REALISTIC = new ProcessingDelays(
            Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofMinutes(80));

    public ProcessingDelays {
        Objects.requireNonNull(exported);
        Objects.requireNonNull(matched);
        Objects.requireNonNull(processed);
        if (exported.isNegative() || matched.isNegative() || processed.isNegative()) {
            throw new IllegalArgumentException("Processing delays must not be negative");
        }
    }

    public static ProcessingDelays ofSeconds(long exported, long matched, long processed) {
        return new ProcessingDelays(Duration.ofSeconds(exported), Duration.ofSeconds(matched),
                Duration.ofSeconds(processed));
    }

    public Duration total() {
        return exported.plus(matched).plus(processed);
    }
}
