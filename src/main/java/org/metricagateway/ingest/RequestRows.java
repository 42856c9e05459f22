package org.metricagateway.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.metricagateway.ingest.ConversionWriter.PendingWrite;
import org.metricagateway.requests.RawRequest;

/**
 * The webhook_requests rows of a write group: their ids are taken from the sequence first (GroupIds, so that the
 * conversions can name their request), then the rows are inserted with the answers, in one statement.
 */
final class RequestRows {
    // One row per request, sent as a JDBC batch, which the driver rewrites into multi-row INSERTs
    // (reWriteBatchedInserts): bodies travel as plain parameters. As elements of a text[] parameter they had to be
    // escaped by the driver and parsed back by the server, which cost more than the rest of the statement.
    private static final String INSERT = """
            INSERT INTO webhook_requests (id, webhook_id, content_type, body, body_size, body_truncated,
                                          correlation_id, accepted, duplicates, ignored, conversion_ids)
            VALUES (?, ?::uuid, ?, ?, ?, ?, ?, ?, ?, ?, ?::bigint[])""";

    private static final String COMPLETE = """
            UPDATE webhook_requests
               SET state = 'processed', accepted = ?, duplicates = ?, ignored = ?, conversion_ids = ?::bigint[]
             WHERE id = ? AND state = 'pending'""";

    private RequestRows() {
    }

    /**
     * Stores each request with its answer: a new row, or, for a request stored earlier while its conversions were
     * pending, its answer and the state processed (only while it is still pending: a repeated write, after a crash
     * between this commit and the adapter's own bookkeeping, leaves the first answer).
     */
    static void insert(Connection connection, List<PendingWrite> allWrites, List<Long> allIds,
                       Map<PendingWrite, IngestResult> answers) throws SQLException {
        List<PendingWrite> group = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < allWrites.size(); i++) {
            PendingWrite write = allWrites.get(i);
            if (write.request().storedId() != null) {
                complete(connection, write.request().storedId(), answers.get(write));
            } else {
                group.add(write);
                ids.add(allIds.get(i));
            }
        }
        if (group.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (int i = 0; i < group.size(); i++) {
                PendingWrite write = group.get(i);
                RawRequest request = write.request();
                IngestResult answer = answers.get(write);
                int p = 1;
                insert.setLong(p++, ids.get(i));
                insert.setString(p++, write.webhook().id().toString());
                insert.setString(p++, request.contentType());
                insert.setString(p++, request.body());
                insert.setInt(p++, request.bodySize());
                insert.setBoolean(p++, request.truncated());
                insert.setString(p++, request.correlationId());
                insert.setInt(p++, answer.accepted());
                insert.setInt(p++, answer.duplicates());
                insert.setInt(p++, answer.ignored() == null ? 0 : answer.ignored());
                insert.setString(p, arrayText(answer.ids()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void complete(Connection connection, long id, IngestResult answer) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(COMPLETE)) {
            update.setInt(1, answer.accepted());
            update.setInt(2, answer.duplicates());
            update.setInt(3, answer.ignored() == null ? 0 : answer.ignored());
            update.setString(4, arrayText(answer.ids()));
            update.setLong(5, id);
            update.executeUpdate();
        }
    }

    /** A bigint[] literal, for a text parameter cast to bigint[] (or a text[] element). */
    static String arrayText(List<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
    }
}
