package org.metricagateway.sandbox;

/** Metrica's documented request quotas (section 6.3 of the API notes). */
public record QuotaLimits(int perIpPerSecond, int parallelPerLogin, int perLoginPerDay, int perCounterPerDay) {
    /**
     * 30 requests a second from one IP, 3 in parallel per login, 5 000 a day per login; the per-counter daily limit
     * does not render in the docs, 5 000 is the likely value.
     */
    public static final QuotaLimits DOCUMENTED = new QuotaLimits(30, 3, 5_000, 5_000);

    public QuotaLimits {
        if (perIpPerSecond < 1 || parallelPerLogin < 1 || perLoginPerDay < 1 || perCounterPerDay < 1) {
            throw new IllegalArgumentException("Quota limits must be at least 1");
        }
    }

    public QuotaLimits withPerIpPerSecond(int limit) {
        return new QuotaLimits(limit, parallelPerLogin, perLoginPerDay, perCounterPerDay);
    }

    public QuotaLimits withParallelPerLogin(int limit) {
        return new QuotaLimits(perIpPerSecond, limit, perLoginPerDay, perCounterPerDay);
    }

    public QuotaLimits withPerLoginPerDay(int limit) {
        return new QuotaLimits(perIpPerSecond, parallelPerLogin, limit, perCounterPerDay);
    }

    public QuotaLimits withPerCounterPerDay(int limit) {
        return new QuotaLimits(perIpPerSecond, parallelPerLogin, perLoginPerDay, limit);
    }
}
