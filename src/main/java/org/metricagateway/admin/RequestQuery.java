package org.metricagateway.admin;

import java.util.UUID;

/** One page of a webhook's raw requests: id above {@code after}, in id order, at most {@code limit}. */
public record RequestQuery(UUID webhookId, long after, int limit) {

    public int fetchSize() {
        return limit + 1;
    }
}
