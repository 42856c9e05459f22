package org.metricagateway.metrica;

import java.time.Instant;

/**
 * A request that was not sent because this token's limits say not now: the day's request budget is spent (wait
 * until {@link #notBefore()}, the next 00:00 UTC), or every in-flight slot stayed busy (retry soon).
 */
public final class MetricaUnavailable extends RuntimeException {
    private final Instant notBefore;
    private final boolean dailyBudgetSpent;

    public MetricaUnavailable(String message, Instant notBefore, boolean dailyBudgetSpent) {
        super(message, null, false, false);
        this.notBefore = notBefore;
        this.dailyBudgetSpent = dailyBudgetSpent;
    }

    public Instant notBefore() {
        return notBefore;
    }

    public boolean dailyBudgetSpent() {
        return dailyBudgetSpent;
    }
}
