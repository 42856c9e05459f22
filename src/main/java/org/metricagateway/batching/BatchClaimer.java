package org.metricagateway.batching;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

import org.metricagateway.logging.Correlation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a completed group into a batch: in one transaction, creates the batch row and claims for it the group's
 * conversions that no batch has yet ({@code batch_id IS NULL}, under row locks). A conversion therefore belongs to
 * at most one batch, even when the recovery sweep of another replica fed the same ids to its own aggregator.
 */
public final class BatchClaimer {
    private static final Logger LOG = LoggerFactory.getLogger(BatchClaimer.class);

    private static final String CREATE = """
            INSERT INTO webhook_batches (counter_id, identifier_columns, status) VALUES (?, ?, 'open') RETURNING id""";
    // Rows are locked in id order (the index scan sorts the array), so concurrent claims cannot deadlock.
    private static final String CLAIM = """
            UPDATE webhook_conversions SET batch_id = ? WHERE id = ANY (?) AND batch_id IS NULL""";
    private static final String NAME = """
            UPDATE webhook_batches
               SET conversion_count = ?,
                   upload_comment = 'mog-' || (SELECT id FROM gateway_installation) || '-' || id
             WHERE id = ?
            RETURNING upload_comment""";

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
                int claimed = claimRows(connection, batchId, group.ids());
                if (claimed == 0) {
                    connection.rollback();
                    return null;
                }
                String comment;
                try (PreparedStatement name = connection.prepareStatement(NAME)) {
                    name.setInt(1, claimed);
                    name.setLong(2, batchId);
                    try (ResultSet rs = name.executeQuery()) {
                        rs.next();
                        comment = rs.getString(1);
                    }
                }
                connection.commit();
                logFormed(batchId, comment, claimed, group);
                return batchId;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /**
     * The batch's comment is its correlation id in every log line about it, on whichever replica uploads it; this
     * line links it to the correlation ids of the requests its conversions came from.
     */
    private static void logFormed(long batchId, String comment, int claimed, ConversionGroup group) {
        try (var ignored = Correlation.during(comment)) {
            if (group.requests().count() == 0) {
                LOG.info("Batch {} holds {} conversions for counter {} ({}), recovered after their group was lost",
                        batchId, claimed, group.counterId(), group.identifierColumns());
            } else {
                LOG.info("Batch {} holds {} conversions for counter {} ({}) from {} requests: {}", batchId, claimed,
                        group.counterId(), group.identifierColumns(), group.requests().count(), group.requests());
            }
        }
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

    private static int claimRows(Connection connection, long batchId, List<Long> ids) throws SQLException {
        try (PreparedStatement claim = connection.prepareStatement(CLAIM)) {
            // Distinct: the recovery sweep may have fed an id twice before its group completed.
            Array array = connection.createArrayOf("int8", ids.stream().sorted().distinct().toArray());
            claim.setLong(1, batchId);
            claim.setArray(2, array);
            return claim.executeUpdate();
        }
    }
}
