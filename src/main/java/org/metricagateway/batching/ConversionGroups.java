package org.metricagateway.batching;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

/**
 * The aggregation strategy of the batching route: merges the id lists of one group in the exchange body (not in a
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

    /** Groups rows (id, counter_id, identifier_columns) as read by the recovery sweep. */
    public static List<ConversionGroup> fromRows(List<Map<String, Object>> rows) {
        Map<String, ConversionGroup> groups = new LinkedHashMap<>();
        for (Map<String, Object> row : rows) {
            long counterId = ((Number) row.get("counter_id")).longValue();
            String columns = (String) row.get("identifier_columns");
            groups.computeIfAbsent(counterId + "/" + columns,
                            key -> new ConversionGroup(counterId, columns, new ArrayList<>()))
                    .ids().add(((Number) row.get("id")).longValue());
        }
        return List.copyOf(groups.values());
    }
}
