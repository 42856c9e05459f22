package org.metricagateway.ingest;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.metricagateway.batching.ConversionGroup;

/**
 * The 202 answer: how many conversions were stored now, how many the webhook already had, the stored id of every
 * conversion in request order (a duplicate gets the id of the row that was already there), and for adapters how
 * many events were acknowledged without a conversion ({@code ignored}; absent for canonical JSON). The
 * conversions stored now, grouped for batching, travel along but are not part of the answer.
 */
public record IngestResult(int accepted, int duplicates, List<Long> ids, Integer ignored,
                           @JsonIgnore List<ConversionGroup> newConversions) {
}
