package org.metricagateway.sandbox;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** An accepted upload as the sandbox keeps it; its linkage is set once, when it reaches its terminal state. */
final class StoredUploading {
    private final long id;
    private final long counterId;
    private final Instant createTime;
    private final UploadParameters parameters;
    private final Optional<IdentifierType> clientIdType;
    private final int sourceQuantity;
    private final int lineQuantity;
    /** Needed only until linking: released then, so that retained uploads keep counts, not rows. */
    private volatile List<Conversion> conversions;
    private volatile Linkage linkage;

    StoredUploading(long id, long counterId, Instant createTime, UploadParameters parameters, CheckedFile file) {
        this.id = id;
        this.counterId = counterId;
        this.createTime = createTime;
        this.parameters = parameters;
        this.clientIdType = file.clientIdType();
        this.sourceQuantity = file.sourceQuantity();
        this.lineQuantity = file.lineQuantity();
        this.conversions = file.conversions();
    }

    long id() {
        return id;
    }

    long counterId() {
        return counterId;
    }

    Instant createTime() {
        return createTime;
    }

    UploadingType type() {
        return parameters.type();
    }

    List<Conversion> conversions() {
        return conversions;
    }

    Optional<Linkage> linkage() {
        return Optional.ofNullable(linkage);
    }

    void settle(Linkage result) {
        linkage = result;
        conversions = List.of();
    }

    UploadingState state(String status) {
        return new UploadingState(id, counterId, status, createTime, parameters.type().name(), clientIdType,
                parameters.comment(), sourceQuantity, lineQuantity, linkage());
    }
}
