package org.metricagateway.admin;

import java.util.UUID;

import org.metricagateway.web.ApiException;

/** Ids taken from admin API paths. A malformed id names nothing, so it is answered like an unknown one: 404. */
public final class AdminPathIds {

    public UUID webhookId(String raw) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("Webhook");
        }
    }

    public long conversionId(String raw) {
        return positive(raw, "Conversion");
    }

    public long requestId(String raw) {
        return positive(raw, "Request");
    }

    public long batchId(String raw) {
        return positive(raw, "Batch");
    }

    public long bitrix24FetchId(String raw) {
        return positive(raw, "Bitrix24 fetch");
    }

    public long counterId(String raw) {
        long id = positive(raw, "Counter");
        if (id > Integer.MAX_VALUE) {
            throw ApiException.notFound("Counter");
        }
        return id;
    }

    private static long positive(String raw, String what) {
        try {
            long id = Long.parseLong(raw);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.notFound(what);
    }
}
