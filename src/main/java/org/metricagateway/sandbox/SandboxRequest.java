package org.metricagateway.sandbox;

import java.util.Map;
import java.util.Optional;

/**
 * One request as the HTTP layer hands it over. {@code headers} never hold credentials (Authorization, Cookie); the
 * Authorization value is kept apart and left out of {@link #toString()}.
 */
record SandboxRequest(Endpoint endpoint, String counterId, Optional<String> uploadingId, Map<String, String> query,
                      String authorization, String remoteAddress, Map<String, String> headers,
                      Optional<UploadBody> body) {
    SandboxRequest {
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
    }

    @Override
    public String toString() {
        return "SandboxRequest[" + endpoint + " counter " + counterId + uploadingId.map(id -> " id " + id).orElse("")
                + " " + query + "]";
    }
}
