package org.metricagateway.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/** Every accepted upload, by id. Ids keep increasing across {@link #clear()}, so tests never confuse two uploads. */
final class UploadingStore {
    /** Past the int32 range (Metrica's ids are int64): a client that keeps them in an int fails at once. */
    static final long FIRST_ID = 5_000_000_000L;

    /**
     * Offset by the start time (1,000 ids per millisecond): a `make run` restarted on the same data directory keeps
     * its batches' upload ids, and a new sandbox must not hand the same ids out again.
     */
    private final AtomicLong nextId = new AtomicLong(FIRST_ID + System.currentTimeMillis() * 1000);
    private final NavigableMap<Long, StoredUploading> uploads = new TreeMap<>();
    private final int retained;

    UploadingStore(int retained) {
        this.retained = retained;
    }

    synchronized StoredUploading add(long counterId, Instant createTime, UploadParameters parameters,
                                     CheckedFile file) {
        StoredUploading upload = new StoredUploading(nextId.getAndIncrement(), counterId, createTime, parameters, file);
        uploads.put(upload.id(), upload);
        while (uploads.size() > retained) {
            uploads.pollFirstEntry();
        }
        return upload;
    }

    /** Oldest first. */
    synchronized List<StoredUploading> all() {
        return new ArrayList<>(uploads.values());
    }

    synchronized Optional<StoredUploading> find(long id) {
        return Optional.ofNullable(uploads.get(id));
    }

    synchronized void clear() {
        uploads.clear();
    }
}
