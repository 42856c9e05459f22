package org.metricagateway.batching;

import java.util.ArrayList;
import java.util.List;

/**
 * Bundles of stored conversions that belong in the same batch: same Metrica counter, same identifier columns. A
 * bundle (a conversion_bundles row) is the new conversions of one request that share identifier columns; it is never
 * split. This is all the aggregator keeps in memory: bundle ids and how many conversions they hold. The conversions
 * themselves are rows in PostgreSQL.
 */
public final class ConversionGroup {
    private final long counterId;
    private final String identifierColumns;
    private final List<Long> bundleIds;
    private int size;

    public ConversionGroup(long counterId, String identifierColumns, List<Long> bundleIds, int size) {
        this.counterId = counterId;
        this.identifierColumns = identifierColumns;
        this.bundleIds = new ArrayList<>(bundleIds);
        this.size = size;
    }

    public long counterId() {
        return counterId;
    }

    public String identifierColumns() {
        return identifierColumns;
    }

    public List<Long> bundleIds() {
        return bundleIds;
    }

    /** The aggregator's correlation key. */
    public String groupKey() {
        return counterId + "/" + identifierColumns;
    }

    /** How many conversions the bundles hold. */
    public int size() {
        return size;
    }

    ConversionGroup merge(ConversionGroup other) {
        bundleIds.addAll(other.bundleIds);
        size += other.size;
        return this;
    }

    @Override
    public String toString() {
        return "ConversionGroup[" + groupKey() + ", " + bundleIds.size() + " bundles, " + size + " conversions]";
    }
}
