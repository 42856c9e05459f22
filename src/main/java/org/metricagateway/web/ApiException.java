package org.metricagateway.web;

import java.util.Map;

/**
 * A request the gateway refuses, with the HTTP status and the stable error code the client sees
 * ({@code {"error": code, "message": message, ...details}}). Codes are documented in docs/api.md.
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final String code;
    private final Map<String, Object> details;

    public ApiException(int status, String code, String message) {
        this(status, code, message, Map.of());
    }

    public ApiException(int status, String code, String message, Map<String, Object> details) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.details = details;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Map<String, Object> details() {
        return details;
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, "not_found", what + " not found");
    }

    public static ApiException validation(java.util.List<Violation> violations) {
        return new ApiException(422, "validation_failed", "The request has invalid fields",
                Map.of("violations", violations.stream().sorted().toList()));
    }
}
