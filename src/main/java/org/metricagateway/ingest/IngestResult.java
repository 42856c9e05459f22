package org.metricagateway.ingest;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.metricagateway.batching.ConversionGroup;

/**
 * The 202 answer: how many conversions were stored now, how many the webhook already had, and the stored id of
 * every conversion in request order (a duplicate gets the id of the row that was already there). The conversions
 * stored now, grouped for batching, travel along but are not part of the answer.
 */
public record IngestResult(int accepted, int duplicates, List<Long> ids,
                           @JsonIgnore List<ConversionGroup> newConversions) {
}
