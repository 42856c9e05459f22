package org.metricagateway.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.metricagateway.ingest.ConversionWriter.PendingWrite;
import org.postgresql.PGConnection;

/**
 * The distinct conversions of a write group (the first occurrence of each dedup key), inserted in one of
 * two ways; both give a request's new conversions ascending ids. Each conversion names its bundle (the new
 * conversions of its request that share its identifier columns), whose row {@link #queueBundles} writes after the
 * insert: the batching queue.
 * <ul>
 * <li>{@link #insertOnConflict}: one {@code INSERT ... SELECT FROM unnest(arrays) ON CONFLICT DO NOTHING}, then a
 * look-up of the keys that were already stored. One prepared statement, cheap for a few rows.</li>
 * <li>{@link #copyAssumingNew}: draws the ids and queues the rows, then COPY inserts them. COPY skips the per-row
 * expression work of unnesting arrays and the speculative insertion that ON CONFLICT needs, and PostgreSQL writes
 * its rows with multi-row heap inserts: about half the database time per conversion for large groups
 * (docs/benchmarks.md), but a larger fixed cost per statement. It assumes that no key is stored yet, the common
 * case, so that each key is searched in the unique index once, by the insert itself. When one is (a CRM sending a
 * conversion again, or a concurrent transaction storing the same key), the COPY fails with a unique violation and
 * the writer runs the group again with {@link #insertOnConflict}.</li>
 * </ul>
 */
final class GroupRows {
    /**
     * A distinct conversion of the group. Its dedup key (32 hex digits, a uuid) already includes the webhook
     * (DedupKey), so the key alone tells the group's conversions apart.
     */
    private record Row(UUID webhookId, String dedupKey, long counterId, NewConversion conversion, long requestId,
                       int bundle) {
    }

    /** A bundle: the rows of one write (the first that holds them) that share identifier columns. */
    private record Bundle(long counterId, String identifierColumns, long requestId) {
    }

    // Sorted, so that the rows, in group order, get ascending ids whatever order nextval ran in.
    private static final String DRAW_IDS = """
            SELECT ARRAY(SELECT nextval('webhook_conversions_id_seq') FROM generate_series(1, ?) ORDER BY 1),
                   ARRAY(SELECT nextval('conversion_bundles_id_seq') FROM generate_series(1, ?) ORDER BY 1)""";

    // One row per bundle that holds at least one conversion this transaction inserted (the duplicates of a bundle
    // stay in the bundle of the request that stored them first). The request id lets a claim name the requests of
    // its batch without reading the conversions back.
    private static final String QUEUE_BUNDLES = """
            INSERT INTO conversion_bundles (id, counter_id, identifier_columns, request_id, conversion_ids)
            SELECT b.id, b.counter_id, b.identifier_columns, b.request_id, b.conversion_ids::bigint[]
              FROM unnest(?::bigint[], ?::bigint[], ?::text[], ?::bigint[], ?::text[])
                   AS b(id, counter_id, identifier_columns, request_id, conversion_ids)""";

    private static final String INSERT_ON_CONFLICT = """
            WITH inserted AS (
                    INSERT INTO webhook_conversions (webhook_id, counter_id, dedup_key, external_id, client_id,
                                                     user_id, yclid, purchase_id, target, event_time, price, currency,
                                                     request_id, bundle_id)
                    SELECT r.webhook_id::uuid, r.counter_id::bigint, r.dedup_key::uuid, r.external_id,
                           r.client_id::numeric, r.user_id, r.yclid::numeric, r.purchase_id, r.target,
                           r.event_time::timestamptz, r.price::numeric, r.currency, r.request_id::bigint,
                           r.bundle_id::bigint
                      FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                                  ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                           WITH ORDINALITY AS r(webhook_id, counter_id, dedup_key, external_id, client_id, user_id,
                                                yclid, purchase_id, target, event_time, price, currency, request_id,
                                                bundle_id, position)
                     ORDER BY r.position
                    ON CONFLICT (dedup_key) DO NOTHING
                    RETURNING id, dedup_key)
            SELECT id, encode(uuid_send(dedup_key), 'hex') FROM inserted""";

    private static final String SELECT_STORED = """
            SELECT c.id, encode(uuid_send(c.dedup_key), 'hex')
              FROM webhook_conversions c
              JOIN unnest(?::uuid[], ?::text[]) AS k(webhook_id, dedup_key)
                ON c.dedup_key = k.dedup_key::uuid AND c.webhook_id = k.webhook_id""";

    /** How many columns {@link #columns} gives. */
    private static final int COLUMNS = 14;

    private static final String COPY = """
            COPY webhook_conversions (id, webhook_id, counter_id, dedup_key, external_id, client_id, user_id, yclid,
                                      purchase_id, target, event_time, price, currency, request_id, bundle_id)
            FROM STDIN""";

    private final List<Row> rows;
    private final List<Bundle> bundles;
    /** The row of each dedup key. */
    private final Map<String, Integer> indexes;
    /** For each write of the group, the index in rows of each of its conversions. */
    private final int[][] rowOf;
    /** Drawn from the sequence by {@link #drawIds}: one per bundle, and (for COPY) one per row. */
    private long[] bundleIds;
    private long[] rowIds;

    private GroupRows(List<Row> rows, List<Bundle> bundles, Map<String, Integer> indexes, int[][] rowOf) {
        this.rows = rows;
        this.bundles = bundles;
        this.indexes = indexes;
        this.rowOf = rowOf;
    }

    /** requestIds: the id of each write's webhook_requests row, in group order. */
    static GroupRows of(List<PendingWrite> group, List<Long> requestIds) {
        Map<String, Integer> indexes = new HashMap<>();
        List<Row> rows = new ArrayList<>();
        List<Bundle> bundles = new ArrayList<>();
        int[][] rowOf = new int[group.size()][];
        for (int w = 0; w < group.size(); w++) {
            PendingWrite write = group.get(w);
            Map<String, Integer> bundleOfColumns = new HashMap<>();
            rowOf[w] = new int[write.conversions().size()];
            for (int i = 0; i < write.conversions().size(); i++) {
                String key = write.keys().get(i);
                Integer index = indexes.putIfAbsent(key, rows.size());
                if (index == null) {
                    index = rows.size();
                    NewConversion conversion = write.conversions().get(i);
                    long requestId = requestIds.get(w);
                    int bundle = bundleOfColumns.computeIfAbsent(conversion.identifierColumns(), columns -> {
                        bundles.add(new Bundle(write.webhook().counterId(), columns, requestId));
                        return bundles.size() - 1;
                    });
                    rows.add(new Row(write.webhook().id(), key, write.webhook().counterId(), conversion, requestId,
                            bundle));
                }
                rowOf[w][i] = index;
            }
        }
        return new GroupRows(rows, bundles, indexes, rowOf);
    }

    /** How many distinct conversions the group holds. */
    int size() {
        return rows.size();
    }

    /** The row (index into the outcome) of the i-th conversion of the w-th write of the group. */
    int rowOf(int write, int conversion) {
        return rowOf[write][conversion];
    }

    /** The id of a row's bundle (after an insert). */
    long bundleIdOf(int row) {
        return bundleIds[rows.get(row).bundle()];
    }

    /**
     * Gives every conversion a new id, queues it for batching and inserts it with COPY. Throws a unique violation
     * (SQLState 23505) when a key was stored already: the transaction must then be rolled back.
     */
    Outcome copyAssumingNew(Connection connection) throws SQLException {
        drawIds(connection, rows.size());
        long[] ids = rowIds;
        CopyText text = new CopyText();
        for (int r = 0; r < rows.size(); r++) {
            text.field(ids[r]);
            String[] columns = columns(rows.get(r));
            for (String column : columns) {
                text.field(column);
            }
            text.endRow();
        }
        try {
            connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn(COPY, new ByteArrayInputStream(text.bytes()));
        } catch (IOException e) {
            throw new IllegalStateException("Reading a byte array cannot fail", e);
        }
        boolean[] fresh = new boolean[rows.size()];
        Arrays.fill(fresh, true);
        return new Outcome(ids, fresh);
    }

    /** Inserts the conversions not stored yet (queued for batching), and finds the ids of those that were. */
    Outcome insertOnConflict(Connection connection) throws SQLException {
        drawIds(connection, 0);
        long[] ids = new long[rows.size()];
        boolean[] known = new boolean[rows.size()];
        try (PreparedStatement insert = connection.prepareStatement(INSERT_ON_CONFLICT)) {
            bindColumns(connection, insert);
            readIds(insert, ids, known);
        }
        boolean[] fresh = known.clone();
        List<Row> stored = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            if (!known[r]) {
                stored.add(rows.get(r));
            }
        }
        if (!stored.isEmpty()) {
            try (PreparedStatement select = connection.prepareStatement(SELECT_STORED)) {
                select.setArray(1, connection.createArrayOf("text",
                        stored.stream().map(row -> row.webhookId().toString()).toArray()));
                select.setArray(2, connection.createArrayOf("text",
                        stored.stream().map(Row::dedupKey).toArray()));
                readIds(select, ids, known);
            }
        }
        for (boolean found : known) {
            if (!found) {
                throw new IllegalStateException("A conversion was neither inserted nor found");
            }
        }
        return new Outcome(ids, fresh);
    }

    /** Draws the bundles' ids, and the given number of conversion ids (ascending), from their sequences. */
    private void drawIds(Connection connection, int conversions) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(DRAW_IDS)) {
            statement.setInt(1, conversions);
            statement.setInt(2, bundles.size());
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                rowIds = longs(rs.getArray(1));
                bundleIds = longs(rs.getArray(2));
            }
        }
    }

    private static long[] longs(Array array) throws SQLException {
        Long[] values = (Long[]) array.getArray();
        long[] longs = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            longs[i] = values[i];
        }
        return longs;
    }

    /**
     * Writes the row of each bundle that holds a conversion this transaction inserted, listing those conversions:
     * from now on they wait for a batch (the batching queue).
     */
    void queueBundles(Connection connection, Outcome outcome) throws SQLException {
        List<List<Long>> members = new ArrayList<>();
        bundles.forEach(bundle -> members.add(new ArrayList<>()));
        for (int r = 0; r < rows.size(); r++) {
            if (outcome.fresh()[r]) {
                members.get(rows.get(r).bundle()).add(outcome.ids()[r]);
            }
        }
        List<Integer> queued = new ArrayList<>();
        for (int b = 0; b < bundles.size(); b++) {
            if (!members.get(b).isEmpty()) {
                queued.add(b);
            }
        }
        if (queued.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(QUEUE_BUNDLES)) {
            insert.setArray(1, connection.createArrayOf("int8", queued.stream().map(b -> bundleIds[b]).toArray()));
            insert.setArray(2, connection.createArrayOf("int8",
                    queued.stream().map(b -> bundles.get(b).counterId()).toArray()));
            insert.setArray(3, connection.createArrayOf("text",
                    queued.stream().map(b -> bundles.get(b).identifierColumns()).toArray()));
            insert.setArray(4, connection.createArrayOf("int8",
                    queued.stream().map(b -> bundles.get(b).requestId()).toArray()));
            insert.setArray(5, connection.createArrayOf("text", queued.stream()
                    .map(b -> members.get(b).stream().sorted().map(String::valueOf)
                            .collect(Collectors.joining(",", "{", "}")))
                    .toArray()));
            insert.executeUpdate();
        }
    }

    /** Reads (id, dedup key) rows into ids, by the row of their key. */
    private void readIds(PreparedStatement statement, long[] ids, boolean[] known) throws SQLException {
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                int row = indexes.get(rs.getString(2));
                ids[row] = rs.getLong(1);
                known[row] = true;
            }
        }
    }

    private void bindColumns(Connection connection, PreparedStatement statement) throws SQLException {
        String[][] byColumn = new String[COLUMNS][rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            String[] columns = columns(rows.get(r));
            for (int i = 0; i < COLUMNS; i++) {
                byColumn[i][r] = columns[i];
            }
        }
        for (int i = 0; i < COLUMNS; i++) {
            statement.setArray(i + 1, connection.createArrayOf("text", byColumn[i]));
        }
    }

    /**
     * A row's columns as text, in the order both statements list them (after the id, which only COPY sends): the
     * forms PostgreSQL parses for each type, so that COPY and the INSERT's casts read the same values.
     */
    private String[] columns(Row row) {
        NewConversion c = row.conversion();
        return new String[] {
            row.webhookId().toString(),
            Long.toString(row.counterId()),
            row.dedupKey(),
            c.externalId(),
            text(c.clientId()),
            c.userId(),
            text(c.yclid()),
            c.purchaseId(),
            c.target(),
            c.eventTime().toString(),
            c.price() == null ? null : c.price().toPlainString(),
            c.currency(),
            Long.toString(row.requestId()),
            Long.toString(bundleIds[row.bundle()])
        };
    }

    private static String text(BigInteger value) {
        return value == null ? null : value.toString();
    }

    /** Per distinct row of the group: its stored id, and whether this transaction inserted it. */
    record Outcome(long[] ids, boolean[] fresh) {
    }

    /** PostgreSQL's COPY text format: tab-separated fields, one row a line, \N for NULL, backslash escapes. */
    private static final class CopyText {
        private final StringBuilder text = new StringBuilder(4096);
        private boolean rowStarted;

        CopyText field(long value) {
            separate();
            text.append(value);
            return this;
        }

        CopyText field(String value) {
            separate();
            if (value == null) {
                text.append("\\N");
                return this;
            }
            if (!needsEscape(value)) {
                text.append(value);
                return this;
            }
            for (int i = 0; i < value.length(); i++) {
                char ch = value.charAt(i);
                switch (ch) {
                    case '\\' -> text.append("\\\\");
                    case '\t' -> text.append("\\t");
                    case '\n' -> text.append("\\n");
                    case '\r' -> text.append("\\r");
                    default -> text.append(ch);
                }
            }
            return this;
        }

        private static boolean needsEscape(String value) {
            for (int i = 0; i < value.length(); i++) {
                char ch = value.charAt(i);
                if (ch == '\\' || ch == '\t' || ch == '\n' || ch == '\r') {
                    return true;
                }
            }
            return false;
        }

        void endRow() {
            text.append('\n');
            rowStarted = false;
        }

        byte[] bytes() {
            return text.toString().getBytes(StandardCharsets.UTF_8);
        }

        private void separate() {
            if (rowStarted) {
                text.append('\t');
            }
            rowStarted = true;
        }
    }
}
