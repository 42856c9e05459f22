package org.metricagateway.sandbox;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * A seeded Metrica counter: who may use it, which JavaScript-event goal identifiers it has, and which visitors
 * have visited it when. Linking reads it when an upload reaches its terminal state, so seeding after an upload but
 * before that moment still counts.
 */
public final class SandboxCounter {
    private final long id;
    private final Set<String> logins = ConcurrentHashMap.newKeySet();
    private final Set<String> goals = ConcurrentHashMap.newKeySet();
    private final Map<Visitor, NavigableSet<Instant>> visits = new ConcurrentHashMap<>();
    private volatile boolean permissive;

    SandboxCounter(long id) {
        this.id = id;
    }

    public long id() {
        return id;
    }

    /** Gives these Yandex logins access (owner, editor or representative: the sandbox does not tell them apart). */
    public SandboxCounter grant(String... logins) {
        this.logins.addAll(List.of(logins));
        return this;
    }

    public SandboxCounter goals(String... identifiers) {
        goals.addAll(List.of(identifiers));
        return this;
    }

    /** Visits of one visitor (for a Yclid: visits that came from that ad click). */
    public SandboxCounter visits(IdentifierType type, String identifier, Instant... times) {
        visits.computeIfAbsent(new Visitor(type, identifier), v -> new ConcurrentSkipListSet<>())
                .addAll(List.of(times));
        return this;
    }

    /** Every login has access, every goal identifier exists, every visitor visited at the conversion's time. */
    public SandboxCounter permissive() {
        permissive = true;
        return this;
    }

    boolean allows(String login) {
        return permissive || logins.contains(login);
    }

    boolean hasGoal(String identifier) {
        return permissive || goals.contains(identifier);
    }

    /** The visitor's last visit at or before {@code moment}: the one Metrica joins a ClientId/UserId conversion to. */
    Optional<Instant> lastVisit(IdentifierType type, String identifier, Instant moment) {
        if (permissive) {
            return Optional.of(moment);
        }
        NavigableSet<Instant> times = visits.get(new Visitor(type, identifier));
        return times == null ? Optional.empty() : Optional.ofNullable(times.floor(moment));
    }

    private record Visitor(IdentifierType type, String identifier) {
    }
}
