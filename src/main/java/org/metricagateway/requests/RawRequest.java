package org.metricagateway.requests;

/**
 * An ingest request's body as it is kept in webhook_requests: secrets removed, cut to the configured size
 * ({@code bodySize} is the size as received), with the sender's content type and the correlation id of the
 * request when one was set.
 * <p>
 * {@code storedId}: the request is already in webhook_requests, {@code pending} (an adapter stored it before its
 * conversions could exist: a Bitrix24 event waits for its deal to be fetched). Its conversions are then written
 * with that id, and the row gets its answer and becomes {@code processed} in the same transaction.
 */
public record RawRequest(String contentType, String body, int bodySize, boolean truncated, String correlationId,
                         Long storedId) {
    public static final String PROPERTY = "rawRequest";

    public RawRequest(String contentType, String body, int bodySize, boolean truncated, String correlationId) {
        this(contentType, body, bodySize, truncated, correlationId, null);
    }

    /** A request stored earlier, whose conversions are being written now. */
    public static RawRequest stored(long id) {
        return new RawRequest(null, null, 0, false, null, id);
    }

    /** Without the body: toString() output can reach logs. */
    @Override
    public String toString() {
        return storedId != null ? "RawRequest[stored " + storedId + "]" : "RawRequest[" + bodySize + " bytes]";
    }
}
