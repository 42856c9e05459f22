package org.metricagateway.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The state machine UPLOADED → EXPORTED → MATCHED → PROCESSED | LINKAGE_FAILURE, computed on every read from the
 * sandbox clock and the processing delays, so it is deterministic and needs no background thread. Before each read,
 * uploads whose processing time has come are linked, oldest first; their result never changes afterwards.
 */
final class Lifecycle {
    private final UploadingStore store;
    private final Linker linker;
    private final SandboxSwitches switches;
    private final Clock clock;

    Lifecycle(UploadingStore store, Linker linker, SandboxSwitches switches, Clock clock) {
        this.store = store;
        this.linker = linker;
        this.switches = switches;
        this.clock = clock;
    }

    /** The upload answer: always UPLOADED, whatever the delays and switches. */
    UploadingState uploaded(StoredUploading upload) {
        return upload.state(UploadingStatus.UPLOADED.name());
    }

    synchronized Optional<UploadingState> find(long id) {
        Instant now = settle();
        return store.find(id).map(upload -> state(upload, now));
    }

    /** Newest first. */
    synchronized List<UploadingState> all() {
        Instant now = settle();
        return store.all().stream()
                .sorted(Comparator.comparingLong(StoredUploading::id).reversed())
                .map(upload -> state(upload, now))
                .toList();
    }

    synchronized void clear() {
        store.clear();
        linker.clear();
    }

    private Instant settle() {
        Instant now = clock.instant();
        if (switches.stickInUploaded()) {
            return now;
        }
        Duration total = switches.processingDelays().total();
        for (StoredUploading upload : store.all()) {
            Instant processedAt = upload.createTime().plus(total);
            if (upload.linkage().isEmpty() && !now.isBefore(processedAt)) {
                upload.settle(linker.link(upload, processedAt));
            }
        }
        return now;
    }

    private UploadingState state(StoredUploading upload, Instant now) {
        Optional<Linkage> linkage = upload.linkage();
        if (linkage.isPresent()) {
            UploadingStatus terminal = linkage.get().linked() > 0
                    ? UploadingStatus.PROCESSED : UploadingStatus.LINKAGE_FAILURE;
            return upload.state(terminal.name());
        }
        return upload.state(switches.unknownStatus().orElseGet(() -> intermediate(upload, now).name()));
    }

    private UploadingStatus intermediate(StoredUploading upload, Instant now) {
        if (switches.stickInUploaded() || switches.skipIntermediateStates()) {
            return UploadingStatus.UPLOADED;
        }
        ProcessingDelays delays = switches.processingDelays();
        Duration elapsed = Duration.between(upload.createTime(), now);
        if (elapsed.compareTo(delays.exported().plus(delays.matched())) >= 0) {
            return UploadingStatus.MATCHED;
        }
        return elapsed.compareTo(delays.exported()) >= 0 ? UploadingStatus.EXPORTED : UploadingStatus.UPLOADED;
    }
}
