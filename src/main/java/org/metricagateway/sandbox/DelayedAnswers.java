package org.metricagateway.sandbox;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Answers held back by injected delays, on Vert.x timers. Each one is reported to {@link ReceivedTraffic#held()}, so
 * a test can wait until a request is held, then let every held answer go at once.
 */
final class DelayedAnswers {
    private static final long MIN_TIMER_MILLIS = 1;

    private final Vertx vertx;
    private final Context context;
    private final ReceivedTraffic traffic;
    private final Map<Long, Runnable> pending = new ConcurrentHashMap<>();

    DelayedAnswers(Vertx vertx, ReceivedTraffic traffic) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.traffic = traffic;
    }

    void schedule(Duration delay, Runnable answer) {
        context.runOnContext(v -> {
            long timer = vertx.setTimer(Math.max(MIN_TIMER_MILLIS, delay.toMillis()), this::runPending);
            pending.put(timer, answer);
            traffic.held(1);
        });
    }

    /** Sends every held answer now (a "slow" request is then handled at once). */
    void releaseAll() {
        context.runOnContext(v -> {
            for (Long timer : List.copyOf(pending.keySet())) {
                vertx.cancelTimer(timer);
                runPending(timer);
            }
        });
    }

    private void runPending(long timer) {
        Runnable answer = pending.remove(timer);
        if (answer != null) {
            traffic.held(-1);
            answer.run();
        }
    }
}
