package org.metricagateway.ingest;

import java.util.List;

/**
 * The 202 answer: how many conversions were stored now, how many the webhook already had, and the stored id of
 * every conversion in request order (a duplicate gets the id of the row that was already there).
 */
public record IngestResult(int accepted, int duplicates, List<Long> ids) {
}
