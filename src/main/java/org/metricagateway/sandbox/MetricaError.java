package org.metricagateway.sandbox;

/**
 * A refusal in Metrica's terms: HTTP status, {@code error_type} and message. Messages are Metrica's where Yandex's
 * tests or docs show them, otherwise our own wording: clients must match on status and error_type only.
 */
final class MetricaError extends RuntimeException {
    static final int BAD_REQUEST = 400;
    static final int UNAUTHORIZED = 401;
    static final int FORBIDDEN = 403;
    static final int NOT_FOUND = 404;
    static final int LEGACY_TOO_MANY_REQUESTS = 420;
    static final int TOO_MANY_REQUESTS = 429;
    static final int SERVICE_UNAVAILABLE = 503;
    static final int GATEWAY_TIMEOUT = 504;

    private final int status;
    private final String errorType;

    MetricaError(int status, String errorType, String message) {
        super(message, null, false, false);
        this.status = status;
        this.errorType = errorType;
    }

    int status() {
        return status;
    }

    String errorType() {
        return errorType;
    }

    static MetricaError unauthorized() {
        return new MetricaError(UNAUTHORIZED, "unauthorized", "Неавторизованный пользователь");
    }

    static MetricaError invalidToken() {
        return new MetricaError(FORBIDDEN, "invalid_token", "Invalid oauth_token");
    }

    static MetricaError accessDenied() {
        return new MetricaError(FORBIDDEN, "access_denied", "Access is denied");
    }

    static MetricaError notFound(long id) {
        return new MetricaError(NOT_FOUND, "not_found", "Object with id = " + id + " not found");
    }

    static MetricaError entityNotFound() {
        return new MetricaError(NOT_FOUND, "not_found", "Entity not found");
    }

    static MetricaError wrongParameter(String name) {
        return new MetricaError(BAD_REQUEST, "invalid_parameter", "Wrong parameter value: " + name);
    }

    static MetricaError invalidParameter(String message) {
        return new MetricaError(BAD_REQUEST, "invalid_parameter", message);
    }

    static MetricaError missingParameter(String message) {
        return new MetricaError(BAD_REQUEST, "missing_parameter", message);
    }

    static MetricaError invalidUploading(String message) {
        return new MetricaError(BAD_REQUEST, "invalid_uploading", message);
    }

    /** Metrica's answer to any file it cannot read as CSV; {@code line} is 1-based. */
    static MetricaError invalidDataAt(int line) {
        return invalidUploading("Неверный формат данных, ошибка в строке номер " + line);
    }

    static MetricaError quota(String errorType, String message, boolean legacyStatus) {
        return new MetricaError(legacyStatus ? LEGACY_TOO_MANY_REQUESTS : TOO_MANY_REQUESTS, errorType, message);
    }

    static MetricaError backendError() {
        return new MetricaError(SERVICE_UNAVAILABLE, "backend_error", "Backend error, try again later");
    }

    static MetricaError timeout() {
        return new MetricaError(GATEWAY_TIMEOUT, "timeout", "Request timeout");
    }
}
