package org.metricagateway.sandbox;

import java.time.Duration;
import java.util.Objects;

/**
 * An injected failure. The "store, then" kinds run the whole upload first, so Metrica has the upload although the
 * client sees a 504 or no answer in time: the case a sender must resolve through the list endpoint and its comment.
 */
public record Failure(Kind kind, Duration delay) {
    public enum Kind {
        /** 503 backend_error; nothing stored. */
        BACKEND_ERROR,
        /** 504 timeout; nothing stored. */
        TIMEOUT,
        /** Wait {@code delay}, then handle the request normally if the client is still connected. */
        SLOW,
        /** Store the upload, answer 504 timeout. */
        STORE_THEN_TIMEOUT,
        /** Store the upload, send the 200 only after {@code delay}. */
        STORE_THEN_DELAY
    }

    public Failure {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(delay);
    }

    public static Failure backendError() {
        return new Failure(Kind.BACKEND_ERROR, Duration.ZERO);
    }

    public static Failure timeout() {
        return new Failure(Kind.TIMEOUT, Duration.ZERO);
    }

    public static Failure slow(Duration delay) {
        return new Failure(Kind.SLOW, delay);
    }

    public static Failure storeThenTimeout() {
        return new Failure(Kind.STORE_THEN_TIMEOUT, Duration.ZERO);
    }

    public static Failure storeThenDelay(Duration delay) {
        return new Failure(Kind.STORE_THEN_DELAY, delay);
    }
}
