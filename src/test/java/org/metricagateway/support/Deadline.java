package org.metricagateway.support;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Waits for a condition with a deadline, polling; never a fixed sleep standing in for synchronisation. */
public final class Deadline {
    private static final long POLL_MILLIS = 50;
    private final Duration limit;

    private Deadline(Duration limit) {
        this.limit = limit;
    }

    public static Deadline within(Duration limit) {
        return new Deadline(limit);
    }

    public void until(BooleanSupplier condition) {
        Instant end = Instant.now().plus(limit);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("Condition not met within " + limit);
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
