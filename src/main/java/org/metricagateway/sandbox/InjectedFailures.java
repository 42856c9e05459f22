package org.metricagateway.sandbox;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Failures to inject, per endpoint: one-shot ones ({@link #next}) are used up in order by the next requests that pass
 * authentication and quotas; a standing one ({@link #always}) applies after those, until {@link #clear}.
 */
public final class InjectedFailures {
    private final Map<Endpoint, Deque<Failure>> queued = new EnumMap<>(Endpoint.class);
    private final Map<Endpoint, Failure> standing = new EnumMap<>(Endpoint.class);

    public InjectedFailures next(Endpoint endpoint, Failure failure) {
        return next(endpoint, failure, 1);
    }

    public synchronized InjectedFailures next(Endpoint endpoint, Failure failure, int times) {
        Deque<Failure> queue = queued.computeIfAbsent(endpoint, e -> new ArrayDeque<>());
        for (int i = 0; i < times; i++) {
            queue.addLast(failure);
        }
        return this;
    }

    public synchronized InjectedFailures always(Endpoint endpoint, Failure failure) {
        standing.put(endpoint, failure);
        return this;
    }

    public synchronized void clear() {
        queued.clear();
        standing.clear();
    }

    synchronized Optional<Failure> take(Endpoint endpoint) {
        Deque<Failure> queue = queued.get(endpoint);
        if (queue != null && !queue.isEmpty()) {
            return Optional.of(queue.removeFirst());
        }
        return Optional.ofNullable(standing.get(endpoint));
    }
}
