package org.metricagateway.metrica;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.metricagateway.status.PollSchedule;

class PollScheduleTest {
    private final PollSchedule schedule = PollSchedule.parse("60,120,300,600,900,1800", Duration.ofHours(48));

    @Test
    void pollsBackOffAndTheLastIntervalRepeats() {
        assertThat(schedule.after(0)).isEqualTo(Duration.ofMinutes(1));
        assertThat(schedule.after(1)).isEqualTo(Duration.ofMinutes(2));
        assertThat(schedule.after(2)).isEqualTo(Duration.ofMinutes(5));
        assertThat(schedule.after(5)).isEqualTo(Duration.ofMinutes(30));
        assertThat(schedule.after(50)).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void anUploadIsStaleAfterTheMaximumAge() {
        Instant uploaded = Instant.parse("2026-11-20T10:00:00Z");
        assertThat(schedule.isStale(uploaded, uploaded.plus(Duration.ofHours(48)))).isFalse();
        assertThat(schedule.isStale(uploaded, uploaded.plus(Duration.ofHours(48)).plusSeconds(1))).isTrue();
    }
}
