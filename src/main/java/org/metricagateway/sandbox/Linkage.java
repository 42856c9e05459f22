package org.metricagateway.sandbox;

/**
 * What processing made of an upload's valid rows. {@code duplicate} is not in Metrica's public answer: it counts rows
 * identical (identifiers, Target, DateTime) to a row already linked on the counter, so that tests can assert that a
 * client never sent a conversion twice.
 */
public record Linkage(int linked, int goalNotFound, int userNotFound, int duplicate) {
}
