package org.metricagateway.admin;

import java.util.List;

import org.metricagateway.web.ApiException;
import org.metricagateway.web.Violation;

/**
 * Reads the query parameters of the admin API's list calls. Invalid values are 422 {@code validation_failed} with
 * one violation per parameter, the parameter's name as the field.
 */
public final class QueryParameters {
    /** {@code ?active=true|false} of the webhook list; null (no filter) when absent. */
    public Boolean active(String raw) {
        if (raw == null) {
            return null;
        }
        if (raw.equals("true") || raw.equals("false")) {
            return Boolean.valueOf(raw);
        }
        throw ApiException.validation(List.of(new Violation(null, "active", "must be true or false")));
    }
}
