package org.metricagateway.batching;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.metricagateway.logging.Correlation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a completed group into a batch: in one transaction, creates the batch row and claims for it the group's
 * bundles that no batch has yet (it sets their {@code batch_id}, under row locks, only where it is still NULL). A
 * conversion therefore belongs to at most one batch, even when the recovery sweep of another replica fed the same
 * bundles to its own aggregator: the second claim waits for the first, then finds them taken. Conversion rows
 * themselves are never rewritten.
 */
public final class BatchClaimer {
    private static final Logger LOG = LoggerFactory.getLogger(BatchClaimer.class);

    private static final String CREATE = """
            INSERT INTO webhook_batches (counter_id, identifier_columns, status) VALUES (?, ?, 'open') RETURNING id""";
    // Bundles are locked in id order (the ids are sorted, and so is the scan), so concurrent claims cannot deadlock.
    // After waiting for another claim's lock, PostgreSQL re-checks "batch_id IS NULL" on the row that claim left, and
    // skips it. Answers how many conversions were claimed, and the requests they came from.
    private static final String CLAIM = """
            WITH taken AS (
                    UPDATE conversion_bundles SET batch_id = ?
                     WHERE id = ANY (?) AND batch_id IS NULL
                    RETURNING cardinality(conversion_ids) AS conversions, request_id)
            SELECT coalesce(sum(conversions), 0),
                   array_agg(DISTINCT request_id) FILTER (WHERE request_id IS NOT NULL)
              FROM taken""";
    private static final String NAME = """
            UPDATE webhook_batches
               SET conversion_count = ?,
                   upload_comment = 'mog-' || (SELECT id FROM gateway_installation) || '-' || id
             WHERE id = ?
            RETURNING upload_comment""";
    // The requests the batch's conversions came from, oldest first, and how many there are (webhook_requests keeps
    // them requests.retention-days: older ones are not found).
    private static final String REQUESTS = """
            SELECT correlation_id, count(*) OVER () AS requests
              FROM webhook_requests
             WHERE id = ANY (?)
             ORDER BY id
             LIMIT ?""";
    /** Request correlation ids listed in the line that forms a batch; the others are counted. */
    private static final int LISTED_REQUESTS = 20;

    private final DataSource dataSource;

    public BatchClaimer(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Returns the new batch's id, or null when every conversion of the group was already claimed. */
    public Long claim(ConversionGroup group) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                long batchId = create(connection, group);
                Claimed claimed = claimBundles(connection, batchId, group.bundleIds());
                if (claimed.count() == 0) {
                    connection.rollback();
                    return null;
                }
                String comment;
                try (PreparedStatement name = connection.prepareStatement(NAME)) {
                    name.setInt(1, claimed.count());
                    name.setLong(2, batchId);
                    try (ResultSet rs = name.executeQuery()) {
                        rs.next();
                        comment = rs.getString(1);
                    }
                }
                String requests = requests(connection, claimed.requestIds());
                connection.commit();
                try (var ignored = Correlation.during(comment)) {
                    LOG.info("Batch {} holds {} conversions for counter {} ({}) from {}", batchId, claimed.count(),
                            group.counterId(), group.identifierColumns(), requests);
                }
                return batchId;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /**
     * "3 requests: a, b, c", or "240 requests: a, …, t (and 220 more)". The batch's comment is its correlation id in
     * every log line about it, on whichever replica uploads it; this links it to the ids of the requests its
     * conversions came from, recovered ones included.
     */
    private static String requests(Connection connection, Array requestIds) throws SQLException {
        if (requestIds == null) {
            return "requests no longer kept";
        }
        List<String> listed = new ArrayList<>();
        long count = 0;
        try (PreparedStatement requests = connection.prepareStatement(REQUESTS)) {
            requests.setArray(1, requestIds);
            requests.setInt(2, LISTED_REQUESTS);
            try (ResultSet rs = requests.executeQuery()) {
                while (rs.next()) {
                    listed.add(rs.getString(1));
                    count = rs.getLong(2);
                }
            }
        }
        if (count == 0) {
            return "requests no longer kept";
        }
        String text = count + " requests: " + String.join(", ", listed);
        return count > listed.size() ? text + " (and " + (count - listed.size()) + " more)" : text;
    }

    private static long create(Connection connection, ConversionGroup group) throws SQLException {
        try (PreparedStatement create = connection.prepareStatement(CREATE)) {
            create.setLong(1, group.counterId());
            create.setString(2, group.identifierColumns());
            try (ResultSet rs = create.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static Claimed claimBundles(Connection connection, long batchId, List<Long> bundleIds)
            throws SQLException {
        try (PreparedStatement claim = connection.prepareStatement(CLAIM)) {
            claim.setLong(1, batchId);
            // Distinct: the recovery sweep may have fed a bundle twice before its group completed.
            claim.setArray(2, connection.createArrayOf("int8", bundleIds.stream().sorted().distinct().toArray()));
            try (ResultSet rs = claim.executeQuery()) {
                rs.next();
                return new Claimed(rs.getInt(1), rs.getArray(2));
            }
        }
    }

    /** How many conversions a claim took, and the ids of their requests (null when none is known). */
    private record Claimed(int count, Array requestIds) {
    }
}
