package org.metricagateway.sandbox;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/** DateTime values are Unix seconds with an optional fraction; these convert them exactly, to the nanosecond. */
final class UnixSeconds {
    private static final int NANOS_SCALE = 9;

    private UnixSeconds() {
    }

    static BigDecimal of(Instant instant) {
        return BigDecimal.valueOf(instant.getEpochSecond())
                .add(BigDecimal.valueOf(instant.getNano()).movePointLeft(NANOS_SCALE));
    }

    static Instant toInstant(BigDecimal seconds) {
        BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
        int nanos = seconds.subtract(whole).movePointRight(NANOS_SCALE).intValue();
        return Instant.ofEpochSecond(whole.longValueExact(), nanos);
    }
}
