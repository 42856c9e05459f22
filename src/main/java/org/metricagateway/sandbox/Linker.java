package org.metricagateway.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Metrica's linking, done once per upload when it reaches its terminal state: a row whose Target is no goal
 * identifier of the counter is goal_not_found; one whose visitor never visited before DateTime, or whose last such
 * visit is more than the attribution window before processing, is user_not_found; the rest are linked.
 */
final class Linker {
    private final SandboxSeed seed;
    private final SandboxSwitches switches;
    private final Map<Long, SeenRows> linkedByCounter = new HashMap<>();

    Linker(SandboxSeed seed, SandboxSwitches switches) {
        this.seed = seed;
        this.switches = switches;
    }

    /** Callers serialise calls, oldest upload first, so that "already linked" means linked by an earlier row. */
    Linkage link(StoredUploading upload, Instant processedAt) {
        Optional<SandboxCounter> counter = seed.find(upload.counterId());
        SeenRows linkedRows = linkedByCounter.computeIfAbsent(upload.counterId(), id -> new SeenRows());
        int linked = 0;
        int goalNotFound = 0;
        int userNotFound = 0;
        int duplicate = 0;
        for (Conversion conversion : upload.conversions()) {
            if (counter.isEmpty() || !counter.get().hasGoal(conversion.target())) {
                goalNotFound++;
            } else if (!joinsVisit(counter.get(), conversion, processedAt)) {
                userNotFound++;
            } else if (!linkedRows.add(conversion.fingerprint())) {
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
        Instant moment = conversion.moment();
        Instant lastVisit = null;
        for (Map.Entry<IdentifierType, String> id : conversion.identifiers().entrySet()) {
            Optional<Instant> visit = counter.lastVisit(id.getKey(), id.getValue(), moment);
            if (visit.isPresent() && (lastVisit == null || visit.get().isAfter(lastVisit))) {
                lastVisit = visit.get();
            }
        }
        return lastVisit != null
                && Duration.between(lastVisit, processedAt).compareTo(switches.attributionWindow()) <= 0;
    }
}
