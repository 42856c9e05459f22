package org.metricagateway.sandbox;

import java.time.Instant;
import java.util.Optional;

/**
 * One request the sandbox answered (or, for a slow answer, found its client gone: {@link #CLIENT_CLOSED}).
 * {@code login} is the token's login once the token was recognised: a test can tell which token a client sent
 * without the token appearing anywhere.
 */
public record RequestRecord(Endpoint endpoint, Optional<Long> counterId, int status, Optional<String> errorType,
                            Optional<String> login, Instant at) {
    /** The status recorded when a slow request's client disconnected before the sandbox handled it. */
    public static final int CLIENT_CLOSED = 499;
}
