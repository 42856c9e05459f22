package org.metricagateway.requests;

/**
 * An ingest request's body as it is kept in webhook_requests: secrets removed, cut to the configured size
 * ({@code bodySize} is the size as received), with the sender's content type and the correlation id of the
 * request when one was set.
 */
public record RawRequest(String contentType, String body, int bodySize, boolean truncated, String correlationId) {
    public static final String PROPERTY = "rawRequest";

    /** Without the body: toString() output can reach logs. */
    @Override
    public String toString() {
        return "RawRequest[" + bodySize + " bytes]";
    }
}
