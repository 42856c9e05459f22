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
    private final List<Conversion> conversions;
    private volatile Linkage linkage;

    StoredUploading(long id, long counterId, Instant createTime, UploadParameters parameters, CheckedFile file) {
        this.id = id;
        this.counterId = counterId;
        this.createTime = createTime;
        this.parameters = parameters;
        this.clientIdType = file.clientIdType();
        this.sourceQuantity = file.sourceQuantity();
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
    }

    UploadingState state(String status) {
        return new UploadingState(id, counterId, status, createTime, parameters.type().name(), clientIdType,
                parameters.comment(), sourceQuantity, conversions.size(), linkage());
    }
}
