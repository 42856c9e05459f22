package org.metricagateway.batching;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

/**
 * The aggregation strategy of the batching route: merges the bundle lists of one group in the exchange body (not in a
 * property: see shared/camel-notes.md), and says when a group is full.
 */
public final class ConversionGroups implements AggregationStrategy {
    private final int batchSize;

    public ConversionGroups(int batchSize) {
        this.batchSize = batchSize;
    }

    @Override
    public Exchange aggregate(Exchange oldExchange, Exchange newExchange) {
        if (oldExchange == null) {
            return newExchange;
        }
        ConversionGroup group = oldExchange.getMessage().getBody(ConversionGroup.class);
        group.merge(newExchange.getMessage().getBody(ConversionGroup.class));
        return oldExchange;
    }

    /** The aggregator's correlation: a bean call, not ${body.groupKey}, which Camel would introspect per group. */
    public String groupKey(ConversionGroup group) {
        return group.groupKey();
    }

    /** Completion by size. A request's conversions are never split, so a batch may pass the size by one request. */
    public boolean isFull(ConversionGroup group) {
        return group.size() >= batchSize;
    }

    /** Groups rows (id, counter_id, identifier_columns, size) of unclaimed bundles, as read by the recovery sweep. */
    public static List<ConversionGroup> fromRows(List<Map<String, Object>> rows) {
        Map<String, ConversionGroup> groups = new LinkedHashMap<>();
        for (Map<String, Object> row : rows) {
            ConversionGroup bundle = new ConversionGroup(((Number) row.get("counter_id")).longValue(),
                    (String) row.get("identifier_columns"), List.of(((Number) row.get("id")).longValue()),
                    ((Number) row.get("size")).intValue());
            groups.merge(bundle.groupKey(), bundle, ConversionGroup::merge);
        }
        return List.copyOf(groups.values());
    }
}
