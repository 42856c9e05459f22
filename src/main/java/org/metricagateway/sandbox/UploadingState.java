package org.metricagateway.sandbox;

import java.time.Instant;
import java.util.Optional;

/**
 * An upload as the sandbox would answer for it now, plus what the public answer hides ({@link Linkage#duplicate()}).
 * {@code status} is a string because the unknown-status switch can make it anything.
 */
public record UploadingState(long id, long counterId, String status, Instant createTime, String type,
                             Optional<IdentifierType> clientIdType, Optional<String> comment, int sourceQuantity,
                             int lineQuantity, Optional<Linkage> linkage) {

    public boolean is(UploadingStatus expected) {
        return expected.name().equals(status);
    }

    /** PROCESSED or LINKAGE_FAILURE: nothing will change any more. */
    public boolean terminal() {
        return linkage.isPresent();
    }
}
