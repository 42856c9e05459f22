package org.metricagateway.status;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * When to ask Metrica again about an upload that is not final: the intervals back off (by default 1, 2, 5, 10, 15,
 * then every 30 minutes), and after the maximum age the batch is given up as stale.
 */
public record PollSchedule(List<Duration> intervals, Duration maxAge) {

    public static PollSchedule parse(String seconds, Duration maxAge) {
        List<Duration> intervals = Arrays.stream(seconds.split(","))
                .map(String::trim).filter(s -> !s.isEmpty())
                .map(m -> Duration.ofSeconds(Long.parseLong(m))).toList();
        if (intervals.isEmpty()) {
            throw new IllegalStateException("status.poll-intervals-seconds needs at least one interval");
        }
        return new PollSchedule(intervals, maxAge);
    }

    /** The wait after the given number of polls (0: after the upload). */
    public Duration after(int polls) {
        return intervals.get(Math.min(polls, intervals.size() - 1));
    }

    public boolean isStale(Instant uploadedAt, Instant now) {
        return Duration.between(uploadedAt, now).compareTo(maxAge) > 0;
    }
}
