package org.metricagateway.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Metrica's linking, done once per upload when it reaches its terminal state: a row whose Target is no goal
 * identifier of the counter is goal_not_found; one whose visitor never visited before DateTime, or whose last such
 * visit is more than the attribution window before processing, is user_not_found; the rest are linked.
 */
final class Linker {
    private final SandboxSeed seed;
    private final SandboxSwitches switches;
    private final Map<Long, Set<String>> linkedByCounter = new HashMap<>();

    Linker(SandboxSeed seed, SandboxSwitches switches) {
        this.seed = seed;
        this.switches = switches;
    }

    /** Callers serialise calls, oldest upload first, so that "already linked" means linked by an earlier row. */
    Linkage link(StoredUploading upload, Instant processedAt) {
        Optional<SandboxCounter> counter = seed.find(upload.counterId());
        Set<String> linkedRows = linkedByCounter.computeIfAbsent(upload.counterId(), id -> new HashSet<>());
        int linked = 0;
        int goalNotFound = 0;
        int userNotFound = 0;
        int duplicate = 0;
        for (Conversion conversion : upload.conversions()) {
            if (counter.isEmpty() || !counter.get().hasGoal(conversion.target())) {
                goalNotFound++;
            } else if (!joinsVisit(counter.get(), conversion, processedAt)) {
                userNotFound++;
            } else if (!linkedRows.add(conversion.identity())) {
                duplicate++;
                linked += switches.deduplicateRows() ? 0 : 1;
            } else {
                linked++;
            }
        }
        return new Linkage(linked, goalNotFound, userNotFound, duplicate);
    }

    void clear() {
        linkedByCounter.clear();
    }

    private boolean joinsVisit(SandboxCounter counter, Conversion conversion, Instant processedAt) {
        Optional<Instant> lastVisit = conversion.identifiers().entrySet().stream()
                .flatMap(id -> counter.lastVisit(id.getKey(), id.getValue(), conversion.moment()).stream())
                .max(Instant::compareTo);
        return lastVisit.isPresent()
                && Duration.between(lastVisit.get(), processedAt).compareTo(switches.attributionWindow()) <= 0;
    }
}
