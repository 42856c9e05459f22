package org.metricagateway.ingest;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * The ids a write group takes from the sequences before its rows are inserted, all drawn by one statement (one round
 * trip, which single-conversion requests feel): its new requests' ids, so that conversions can name their request;
 * its bundles' ids, so that conversions can name their bundle; and, for COPY, the conversions' own ids. Each kind
 * comes back ascending, so that rows in group order get ascending ids whatever order nextval ran in.
 */
record GroupIds(long[] requests, long[] bundles, long[] conversions) {
    private static final String DRAW = """
            SELECT ARRAY(SELECT nextval('webhook_requests_id_seq') FROM generate_series(1, ?) ORDER BY 1),
                   ARRAY(SELECT nextval('conversion_bundles_id_seq') FROM generate_series(1, ?) ORDER BY 1),
                   ARRAY(SELECT nextval('webhook_conversions_id_seq') FROM generate_series(1, ?) ORDER BY 1)""";

    static GroupIds draw(Connection connection, int requests, int bundles, int conversions) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(DRAW)) {
            statement.setInt(1, requests);
            statement.setInt(2, bundles);
            statement.setInt(3, conversions);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return new GroupIds(longs(rs.getArray(1)), longs(rs.getArray(2)), longs(rs.getArray(3)));
            }
        }
    }

    private static long[] longs(Array array) throws SQLException {
        return Arrays.stream((Long[]) array.getArray()).mapToLong(Long::longValue).toArray();
    }
}
