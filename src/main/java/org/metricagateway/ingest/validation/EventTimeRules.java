package org.metricagateway.ingest.validation;

import java.time.Duration;

/**
 * How far from now a conversion's time may be: Metrica rejects future times (a small clock skew is tolerated) and
 * cannot link a conversion older than its attribution window.
 */
public record EventTimeRules(Duration clockSkew, Duration attributionWindow) {
}
