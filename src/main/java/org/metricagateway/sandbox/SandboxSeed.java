package org.metricagateway.sandbox;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The accounts the sandbox knows: OAuth tokens and counters. Tests seed it; {@link #permissive} serves local runs. */
public final class SandboxSeed {
    /** The login behind the permissive token. */
    public static final String PERMISSIVE_LOGIN = "sandbox";

    private final Map<String, TokenGrant> tokens = new ConcurrentHashMap<>();
    private final Map<Long, SandboxCounter> counters = new ConcurrentHashMap<>();
    private volatile boolean everyCounterOpen;

    public SandboxSeed token(String token, String login, Scope... scopes) {
        tokens.put(token, new TokenGrant(login, false, EnumSet.copyOf(List.of(scopes))));
        return this;
    }

    /** A token Metrica once issued and no longer accepts (expired or revoked): 403 invalid_token. */
    public SandboxSeed expiredToken(String token, String login) {
        tokens.put(token, new TokenGrant(login, true, EnumSet.allOf(Scope.class)));
        return this;
    }

    /** The counter with this id, created (with no logins, goals or visitors) when it is not seeded yet. */
    public SandboxCounter counter(long id) {
        return counters.computeIfAbsent(id, SandboxCounter::new);
    }

    /**
     * For local runs: {@code token} has every scope, and every counter, seeded or not, is open to it, knows every goal
     * identifier and every visitor, so that every valid row links and uploads end PROCESSED.
     */
    public SandboxSeed permissive(String token) {
        token(token, PERMISSIVE_LOGIN, Scope.values());
        everyCounterOpen = true;
        counters.values().forEach(SandboxCounter::permissive);
        return this;
    }

    public void clear() {
        tokens.clear();
        counters.clear();
        everyCounterOpen = false;
    }

    Optional<TokenGrant> grant(String token) {
        return Optional.ofNullable(tokens.get(token));
    }

    Optional<SandboxCounter> find(long counterId) {
        if (everyCounterOpen) {
            return Optional.of(counter(counterId).permissive());
        }
        return Optional.ofNullable(counters.get(counterId));
    }
}
