package org.metricagateway.sandbox;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One sandbox per test class on a free port, driven by a {@link MutableClock}; before each test it is reset, the
 * clock set back to {@link #NOW} and the standard seed below applied. Register with {@code @RegisterExtension}.
 */
final class RunningSandbox implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
    static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    /** A DateTime one hour before {@link #NOW}, as Unix seconds. */
    static final long AN_HOUR_AGO = NOW.minus(Duration.ofHours(1)).getEpochSecond();

    static final String TOKEN = "good-token-1";
    static final String LOGIN = "shop-owner";
    static final String READ_TOKEN = "read-only-token";
    static final String EXPIRED_TOKEN = "expired-token";
    static final String STRANGER_TOKEN = "stranger-token";
    static final long COUNTER = 1001;
    static final long OTHER_COUNTER = 2002;
    static final long UNSEEDED_COUNTER = 3003;
    static final String GOAL = "deal_won";
    static final String CLIENT_ID = "133591247640966458";
    static final String USER_ID = "user@test.com";
    static final String YCLID = "6150987124578963254";
    /** A file with one valid row, linked once processed. */
    static final String ONE_ROW_CSV = MetricaApi.csv("ClientId,Target,DateTime",
            CLIENT_ID + "," + GOAL + "," + AN_HOUR_AGO);
    /** The seeded visitors' last visit: two days before {@link #NOW}. */
    static final Instant LAST_VISIT = NOW.minus(Duration.ofDays(2));

    final MutableClock clock = MutableClock.at(NOW);
    final MetricaSandbox sandbox = MetricaSandbox.builder().clock(clock).build();
    MetricaApi api;

    @Override
    public void beforeAll(ExtensionContext context) {
        sandbox.start();
        api = new MetricaApi(sandbox.baseUrl());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        sandbox.stop();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        sandbox.reset();
        clock.set(NOW);
        sandbox.seed()
                .token(TOKEN, LOGIN, Scope.OFFLINE_DATA)
                .token(READ_TOKEN, LOGIN, Scope.READ)
                .expiredToken(EXPIRED_TOKEN, LOGIN)
                .token(STRANGER_TOKEN, "stranger", Scope.WRITE);
        sandbox.seed().counter(COUNTER).grant(LOGIN).goals(GOAL)
                .visits(IdentifierType.CLIENT_ID, CLIENT_ID, LAST_VISIT.minus(Duration.ofDays(5)), LAST_VISIT)
                .visits(IdentifierType.USER_ID, USER_ID, LAST_VISIT)
                .visits(IdentifierType.YCLID, YCLID, LAST_VISIT);
        sandbox.seed().counter(OTHER_COUNTER).grant(LOGIN).goals(GOAL);
    }

    /** Moves the sandbox clock past every processing delay. */
    void processAll() {
        clock.advance(sandbox.switches().processingDelays().total());
    }
}
