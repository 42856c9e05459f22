package org.metricagateway.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Metrica's four request quotas on the sandbox clock. A request is counted only when it is admitted (a refused one
 * uses nothing up); daily counts start again at 00:00 UTC. With a frozen {@link MutableClock} every request falls
 * in the same second: raise {@link QuotaLimits#perIpPerSecond()} or advance the clock in tests that send many.
 */
public final class Quotas {
    private static final Duration IP_WINDOW = Duration.ofSeconds(1);

    private final Clock clock;
    private final SandboxSwitches switches;
    private final Map<String, Deque<Instant>> recentByIp = new HashMap<>();
    private final Map<String, Integer> inFlightByLogin = new HashMap<>();
    private final Map<String, Integer> todayByLogin = new HashMap<>();
    private final Map<Long, Integer> todayByCounter = new HashMap<>();
    private QuotaLimits limits = QuotaLimits.DOCUMENTED;
    private LocalDate today;

    Quotas(Clock clock, SandboxSwitches switches) {
        this.clock = clock;
        this.switches = switches;
    }

    public synchronized Quotas limits(QuotaLimits newLimits) {
        limits = Objects.requireNonNull(newLimits);
        return this;
    }

    public synchronized QuotaLimits limits() {
        return limits;
    }

    /** Requests admitted today (UTC, sandbox clock) for this login. */
    public synchronized int usedToday(String login) {
        rollOverDay();
        return todayByLogin.getOrDefault(login, 0);
    }

    public synchronized int usedTodayByCounter(long counterId) {
        rollOverDay();
        return todayByCounter.getOrDefault(counterId, 0);
    }

    /** Forgets every count and in-flight request; the limits stay. */
    public synchronized void clearUsage() {
        recentByIp.clear();
        inFlightByLogin.clear();
        todayByLogin.clear();
        todayByCounter.clear();
    }

    /** Admits the request or throws the quota error; an admitted request holds a parallel slot until released. */
    synchronized Ticket admit(String ip, String login, long counterId) {
        Instant now = clock.instant();
        rollOverDay();
        Deque<Instant> recent = recentByIp.computeIfAbsent(ip, k -> new ArrayDeque<>());
        while (!recent.isEmpty() && !recent.peekFirst().isAfter(now.minus(IP_WINDOW))) {
            recent.removeFirst();
        }
        if (recent.size() >= limits.perIpPerSecond()) {
            throw refusal("quota_requests_by_ip", "Превышен лимит количества запросов к API в секунду для IP-адреса");
        }
        if (inFlightByLogin.getOrDefault(login, 0) >= limits.parallelPerLogin()) {
            throw refusal("quota_parallel_requests", "Превышен лимит количества параллельных запросов");
        }
        if (todayByLogin.getOrDefault(login, 0) >= limits.perLoginPerDay()) {
            throw refusal("quota_requests_by_uid",
                    "Превышен суточный лимит количества запросов к API для пользователя");
        }
        if (todayByCounter.getOrDefault(counterId, 0) >= limits.perCounterPerDay()) {
            throw refusal("quota_requests_by_counter_id",
                    "Превышен суточный лимит количества запросов к API для счётчика");
        }
        recent.addLast(now);
        inFlightByLogin.merge(login, 1, Integer::sum);
        todayByLogin.merge(login, 1, Integer::sum);
        todayByCounter.merge(counterId, 1, Integer::sum);
        return new Ticket(login);
    }

    synchronized void release(Ticket ticket) {
        inFlightByLogin.computeIfPresent(ticket.login(), (login, count) -> count > 1 ? count - 1 : null);
    }

    private MetricaError refusal(String errorType, String message) {
        return MetricaError.quota(errorType, message, switches.legacyQuotaStatus());
    }

    private void rollOverDay() {
        LocalDate date = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        if (!date.equals(today)) {
            today = date;
            todayByLogin.clear();
            todayByCounter.clear();
        }
    }

    /** A parallel slot held by an admitted request. */
    record Ticket(String login) {
    }
}
