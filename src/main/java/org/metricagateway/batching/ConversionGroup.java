package org.metricagateway.batching;

import java.util.ArrayList;
import java.util.List;

/**
 * Ids of stored conversions that belong in the same batch: same Metrica counter, same identifier columns. This is
 * all the aggregator keeps in memory; the conversions themselves are rows in PostgreSQL.
 */
public record ConversionGroup(long counterId, String identifierColumns, List<Long> ids) {

    public ConversionGroup {
        ids = new ArrayList<>(ids);
    }

    /** The aggregator's correlation key. */
    public String groupKey() {
        return counterId + "/" + identifierColumns;
    }

    public int size() {
        return ids.size();
    }

    ConversionGroup merge(ConversionGroup other) {
        ids.addAll(other.ids);
        return this;
    }

    @Override
    public String toString() {
        return "ConversionGroup[" + groupKey() + ", " + ids.size() + " ids]";
    }
}
