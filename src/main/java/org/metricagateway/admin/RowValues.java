package org.metricagateway.admin;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;

/** Column values as camel-sql hands them over (JDBC types), in the types of the admin API's answers. */
final class RowValues {
    private RowValues() {
    }

    static Instant instant(Object timestamp) {
        return timestamp == null ? null : ((Timestamp) timestamp).toInstant();
    }

    /** Exact decimal text without trailing zeros ({@code 19.9000} → {@code "19.9"}). */
    static String decimal(Object number) {
        return number == null ? null : ((BigDecimal) number).stripTrailingZeros().toPlainString();
    }

    static Long longValue(Object number) {
        return number == null ? null : ((Number) number).longValue();
    }
}
