package org.metricagateway.admin;

/** One page of batches: id above {@code after}, in id order, optionally one status and one counter. */
public record BatchQuery(String status, Long counterId, long after, int limit) {

    public int fetchSize() {
        return limit + 1;
    }
}
