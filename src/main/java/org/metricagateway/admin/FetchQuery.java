package org.metricagateway.admin;

import java.util.UUID;

/** One page of a webhook's Bitrix24 fetches, like {@link ConversionQuery} for its conversions. */
public record FetchQuery(UUID webhookId, String status, long after, int limit) {

    public int fetchSize() {
        return limit + 1;
    }
}
