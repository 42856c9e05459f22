package org.metricagateway.batching;

import java.util.ArrayList;
import java.util.List;

/**
 * Ids of stored conversions that belong in the same batch: same Metrica counter, same identifier columns. This is
 * all the aggregator keeps in memory; the conversions themselves are rows in PostgreSQL.
 */
public record ConversionGroup(long counterId, String identifierColumns, List<Long> ids, RequestIds requests) {

    public ConversionGroup {
        ids = new ArrayList<>(ids);
    }

    /** Conversions of no known request (read back by the recovery sweep). */
    public ConversionGroup(long counterId, String identifierColumns, List<Long> ids) {
        this(counterId, identifierColumns, ids, new RequestIds());
    }

    /** The same conversions, as the ones of the ingest request with this correlation id. */
    public ConversionGroup fromRequest(String correlationId) {
        return new ConversionGroup(counterId, identifierColumns, ids, RequestIds.of(correlationId));
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
        requests.addAll(other.requests);
        return this;
    }

    @Override
    public String toString() {
        return "ConversionGroup[" + groupKey() + ", " + ids.size() + " ids]";
    }
}
