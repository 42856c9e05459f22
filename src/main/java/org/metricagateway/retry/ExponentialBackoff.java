package org.metricagateway.retry;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Waits between attempts at a remote call: the initial wait doubles with each attempt up to a cap, then is
 * multiplied by a random factor in [0.5, 1.5) so that replicas (or items) that failed together do not retry together.
 */
public record ExponentialBackoff(Duration initial, Duration max) {

    /** The wait after the given attempt (1 for the first) failed. */
    public long delayMillis(int attempt) {
        long base = initial.toMillis() << Math.min(Math.max(attempt, 1) - 1, 20);
        long capped = Math.min(base, max.toMillis());
        return (long) (capped * (0.5 + ThreadLocalRandom.current().nextDouble()));
    }
}
