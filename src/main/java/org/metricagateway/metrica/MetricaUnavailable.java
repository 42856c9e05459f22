package org.metricagateway.metrica;

/**
 * A request that was not sent because this token's limits say not now: the day's request budget is spent (wait
 * until the next 00:00 UTC), or every in-flight slot stayed busy (retry soon).
 */
public final class MetricaUnavailable extends RuntimeException {
    private final boolean dailyBudgetSpent;

    public MetricaUnavailable(String message, boolean dailyBudgetSpent) {
        super(message, null, false, false);
        this.dailyBudgetSpent = dailyBudgetSpent;
    }

    public boolean dailyBudgetSpent() {
        return dailyBudgetSpent;
    }
}
