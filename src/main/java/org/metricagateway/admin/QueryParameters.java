package org.metricagateway.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.metricagateway.web.ApiException;
import org.metricagateway.web.Violation;

/**
 * Reads the query parameters of the admin API's list calls. Invalid values are 422 {@code validation_failed} with
 * one violation per parameter, the parameter's name as the field.
 */
public final class QueryParameters {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;
    /** "received" (no batch yet) and the batch statuses of the schema's webhook_batches.status CHECK. */
    public static final List<String> CONVERSION_STATUSES = List.of(
            "received", "open", "uploading", "uploaded", "processed", "linkage_failure", "failed", "stale");

    /** {@code ?active=true|false} of the webhook list; null (no filter) when absent. */
    public Boolean active(String raw) {
        if (raw == null) {
            return null;
        }
        if (raw.equals("true") || raw.equals("false")) {
            return Boolean.valueOf(raw);
        }
        throw ApiException.validation(List.of(new Violation(null, "active", "must be true or false")));
    }

    /** {@code ?status=&limit=&after=} of a webhook's conversions. */
    public ConversionQuery conversions(UUID webhookId, String status, String limit, String after) {
        List<Violation> violations = new ArrayList<>();
        status(status, CONVERSION_STATUSES, violations);
        int pageSize = pageSize(limit, violations);
        long afterId = after(after, "conversion", violations);
        if (!violations.isEmpty()) {
            throw ApiException.validation(violations);
        }
        return new ConversionQuery(webhookId, status, afterId, pageSize);
    }

    /** The statuses of the schema's webhook_batches.status CHECK. */
    public static final List<String> BATCH_STATUSES = CONVERSION_STATUSES.subList(1, CONVERSION_STATUSES.size());

    /** {@code ?status=&counter_id=&limit=&after=} of the batch list. */
    public BatchQuery batches(String status, String counterId, String limit, String after) {
        List<Violation> violations = new ArrayList<>();
        status(status, BATCH_STATUSES, violations);
        long counter = counterId == null ? 0 : wholeNumber(counterId, Integer.MAX_VALUE);
        if (counterId != null && counter < 1) {
            violations.add(new Violation(null, "counter_id", "must be a Metrica counter id (1 to 2147483647)"));
        }
        int pageSize = pageSize(limit, violations);
        long afterId = after(after, "batch", violations);
        if (!violations.isEmpty()) {
            throw ApiException.validation(violations);
        }
        return new BatchQuery(status, counterId == null ? null : counter, afterId, pageSize);
    }

    /** {@code ?limit=&after=} of a webhook's raw requests. */
    public RequestQuery requests(UUID webhookId, String limit, String after) {
        List<Violation> violations = new ArrayList<>();
        int pageSize = pageSize(limit, violations);
        long afterId = after(after, "request", violations);
        if (!violations.isEmpty()) {
            throw ApiException.validation(violations);
        }
        return new RequestQuery(webhookId, afterId, pageSize);
    }

    /** The statuses of the schema's bitrix24_fetches.status CHECK. */
    public static final List<String> FETCH_STATUSES = List.of("pending", "done", "ignored", "failed");

    /** {@code ?status=&limit=&after=} of a webhook's Bitrix24 deal fetches. */
    public FetchQuery bitrix24Fetches(UUID webhookId, String status, String limit, String after) {
        List<Violation> violations = new ArrayList<>();
        status(status, FETCH_STATUSES, violations);
        int pageSize = pageSize(limit, violations);
        long afterId = after(after, "fetch", violations);
        if (!violations.isEmpty()) {
            throw ApiException.validation(violations);
        }
        return new FetchQuery(webhookId, status, afterId, pageSize);
    }

    private static void status(String status, List<String> allowed, List<Violation> violations) {
        if (status != null && !allowed.contains(status)) {
            violations.add(new Violation(null, "status", "must be one of " + String.join(", ", allowed)));
        }
    }

    private static int pageSize(String limit, List<Violation> violations) {
        long pageSize = limit == null ? DEFAULT_LIMIT : wholeNumber(limit, MAX_LIMIT);
        if (pageSize < 1) {
            violations.add(new Violation(null, "limit", "must be a whole number from 1 to " + MAX_LIMIT));
        }
        return (int) pageSize;
    }

    private static long after(String after, String what, List<Violation> violations) {
        long afterId = after == null ? 0 : wholeNumber(after, Long.MAX_VALUE);
        if (afterId < 0) {
            violations.add(new Violation(null, "after", "must be a " + what + " id (a whole number, 0 or more)"));
        }
        return afterId;
    }

    /** The value when it is a whole number from 0 to max, else -1. */
    private static long wholeNumber(String raw, long max) {
        try {
            long value = Long.parseLong(raw);
            return value <= max ? value : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
