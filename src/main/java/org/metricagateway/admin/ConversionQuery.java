package org.metricagateway.admin;

import java.util.UUID;

/**
 * One page of a webhook's conversions: those with an id above {@code after}, in id order, at most {@code limit},
 * only those with {@code status} when it is not null. The SQL step fetches one row more than the limit to learn
 * whether a next page exists.
 */
public record ConversionQuery(UUID webhookId, String status, long after, int limit) {

    public int fetchSize() {
        return limit + 1;
    }
}
