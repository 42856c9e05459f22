package org.metricagateway.batching;

import java.util.ArrayList;
import java.util.List;

/**
 * The correlation ids of the ingest requests whose conversions are in one aggregation group: the first
 * {@value #KEPT} of them and how many there were, so that a batch of 10,000 conversions from as many requests
 * still makes one readable log line. Conversions fed by the recovery sweep come from no request known here.
 */
public final class RequestIds {
    static final int KEPT = 20;
    private final List<String> first = new ArrayList<>();
    private int count;

    static RequestIds of(String correlationId) {
        RequestIds ids = new RequestIds();
        ids.first.add(correlationId);
        ids.count = 1;
        return ids;
    }

    void addAll(RequestIds other) {
        for (String id : other.first) {
            if (first.size() == KEPT) {
                break;
            }
            first.add(id);
        }
        count += other.count;
    }

    public int count() {
        return count;
    }

    /** "a, b, c" or "a, b, … (and 480 more)"; empty when no request is known. */
    @Override
    public String toString() {
        String listed = String.join(", ", first);
        return count > first.size() ? listed + " (and " + (count - first.size()) + " more)" : listed;
    }
}
