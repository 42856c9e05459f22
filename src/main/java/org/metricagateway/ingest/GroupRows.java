package org.metricagateway.ingest;

import java.io.IOException;
import java.math.BigInteger;
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

import org.metricagateway.batching.ConversionGroup;
import org.metricagateway.ingest.ConversionWriter.PendingWrite;
import org.postgresql.PGConnection;

/**
 * The distinct conversions of a write group (the first occurrence of each dedup key), inserted in one of
 * two ways; both give a request's new conversions ascending ids. Each conversion names its request and its bundle
 * (the new conversions of its request that share its identifier columns), whose ids are drawn first
 * ({@link #drawIds}); both ways write the bundles too, the batching queue.
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
     * (DedupKey), so the key alone tells the group's conversions apart. copyFields: its columns already in COPY's
     * form when its request's thread rendered them (see {@link #copyFields}), else null.
     */
    private record Row(UUID webhookId, String dedupKey, long counterId, NewConversion conversion, int write,
                       int bundle, byte[] copyFields) {
    }

    /** A bundle: the rows of one write (the first that holds them) that share identifier columns. */
    private record Bundle(long counterId, String identifierColumns, int write) {
    }

    // After a COPY, one row per bundle. The request id lets a claim name the requests of its batch without reading
    // the conversions back. INSERT_ON_CONFLICT writes the bundles in its own statement, only those that hold a
    // conversion it inserted: a duplicate stays in the bundle of the request that stored it first.
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
                    RETURNING id, dedup_key, bundle_id),
                 queued AS (
                    INSERT INTO conversion_bundles (id, counter_id, identifier_columns, request_id, conversion_ids)
                    SELECT b.id, b.counter_id, b.identifier_columns, b.request_id, i.conversion_ids
                      FROM unnest(?::bigint[], ?::bigint[], ?::text[], ?::bigint[])
                           AS b(id, counter_id, identifier_columns, request_id)
                      JOIN (SELECT bundle_id, array_agg(id ORDER BY id) AS conversion_ids
                              FROM inserted GROUP BY bundle_id) AS i ON i.bundle_id = b.id)
            SELECT id, encode(uuid_send(dedup_key), 'hex') FROM inserted""";

    private static final String SELECT_STORED = """
            SELECT c.id, encode(uuid_send(c.dedup_key), 'hex')
              FROM webhook_conversions c
              JOIN unnest(?::uuid[], ?::text[]) AS k(webhook_id, dedup_key)
                ON c.dedup_key = k.dedup_key::uuid AND c.webhook_id = k.webhook_id""";

    /** A request id not drawn yet (ids from the sequence are positive). */
    private static final long NOT_DRAWN = 0;

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
    /** Each write's request id: the one it was stored with earlier, else drawn by {@link #drawIds}. */
    private final long[] requestIds;
    /** Drawn by {@link #drawIds}: one per bundle, and (for COPY) one per row. */
    private long[] bundleIds;
    private long[] rowIds;

    private GroupRows(List<Row> rows, List<Bundle> bundles, Map<String, Integer> indexes, int[][] rowOf,
                      long[] requestIds) {
        this.rows = rows;
        this.bundles = bundles;
        this.indexes = indexes;
        this.rowOf = rowOf;
        this.requestIds = requestIds;
    }

    static GroupRows of(List<PendingWrite> group) {
        Map<String, Integer> indexes = new HashMap<>();
        List<Row> rows = new ArrayList<>();
        List<Bundle> bundles = new ArrayList<>();
        int[][] rowOf = new int[group.size()][];
        long[] requestIds = new long[group.size()];
        for (int w = 0; w < group.size(); w++) {
            PendingWrite write = group.get(w);
            Long storedId = write.request().storedId();
            requestIds[w] = storedId == null ? NOT_DRAWN : storedId;
            Map<String, Integer> bundleOfColumns = new HashMap<>();
            rowOf[w] = new int[write.conversions().size()];
            for (int i = 0; i < write.conversions().size(); i++) {
                String key = write.keys().get(i);
                Integer index = indexes.putIfAbsent(key, rows.size());
                if (index == null) {
                    index = rows.size();
                    NewConversion conversion = write.conversions().get(i);
                    int writeIndex = w;
                    int bundle = bundleOfColumns.computeIfAbsent(conversion.identifierColumns(), columns -> {
                        bundles.add(new Bundle(write.webhook().counterId(), columns, writeIndex));
                        return bundles.size() - 1;
                    });
                    rows.add(new Row(write.webhook().id(), key, write.webhook().counterId(), conversion, w,
                            bundle, write.copyFields() == null ? null : write.copyFields().get(i)));
                }
                rowOf[w][i] = index;
            }
        }
        return new GroupRows(rows, bundles, indexes, rowOf, requestIds);
    }

    /**
     * Draws the ids the group needs before its insert, in one statement: its new requests', its bundles' and, for
     * COPY (withConversionIds), its conversions'.
     */
    void drawIds(Connection connection, boolean withConversionIds) throws SQLException {
        int newRequests = 0;
        for (long id : requestIds) {
            if (id == NOT_DRAWN) {
                newRequests++;
            }
        }
        GroupIds ids = GroupIds.draw(connection, newRequests, bundles.size(), withConversionIds ? rows.size() : 0);
        int next = 0;
        for (int w = 0; w < requestIds.length; w++) {
            if (requestIds[w] == NOT_DRAWN) {
                requestIds[w] = ids.requests()[next++];
            }
        }
        bundleIds = ids.bundles();
        rowIds = ids.conversions();
    }

    /** The id of each write's webhook_requests row, in group order (after {@link #drawIds}). */
    List<Long> requestIds() {
        return Arrays.stream(requestIds).boxed().toList();
    }

    /** How many distinct conversions the group holds. */
    int size() {
        return rows.size();
    }

    /** The row (index into the outcome) of the i-th conversion of the w-th write of the group. */
    int rowOf(int write, int conversion) {
        return rowOf[write][conversion];
    }

    /**
     * For each write, in group order, its bundles that hold a conversion the insert stored, with how many: what the
     * aggregator batches. A bundle is its first write's (GroupRows.of), so these are also the conversions each write
     * counts as accepted.
     */
    List<List<ConversionGroup>> newBundlesByWrite(Outcome outcome) {
        int[] sizes = new int[bundles.size()];
        for (int r = 0; r < rows.size(); r++) {
            if (outcome.fresh()[r]) {
                sizes[rows.get(r).bundle()]++;
            }
        }
        List<List<ConversionGroup>> byWrite = new ArrayList<>();
        for (int w = 0; w < requestIds.length; w++) {
            byWrite.add(new ArrayList<>());
        }
        for (int b = 0; b < bundles.size(); b++) {
            Bundle bundle = bundles.get(b);
            if (sizes[b] > 0) {
                byWrite.get(bundle.write()).add(new ConversionGroup(bundle.counterId(), bundle.identifierColumns(),
                        List.of(bundleIds[b]), sizes[b]));
            }
        }
        return byWrite;
    }

    /**
     * Inserts every conversion with COPY, with the ids drawn for it, then queues the bundles. Throws a unique violation
     * (SQLState 23505) when a key was stored already: the transaction must then be rolled back.
     */
    Outcome copyAssumingNew(Connection connection) throws SQLException {
        long[] ids = rowIds;
        CopyText text = new CopyText(rows.size());
        for (int r = 0; r < rows.size(); r++) {
            Row row = rows.get(r);
            byte[] fields = row.copyFields() != null ? row.copyFields()
                    : copyFields(row.webhookId(), row.counterId(), row.dedupKey(), row.conversion());
            text.field(ids[r]).encoded(fields).field(requestIds[row.write()]).field(bundleIds[row.bundle()]);
            text.endRow();
        }
        try {
            connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn(COPY, text.stream());
        } catch (IOException e) {
            throw new IllegalStateException("Reading a byte array cannot fail", e);
        }
        boolean[] fresh = new boolean[rows.size()];
        Arrays.fill(fresh, true);
        queueBundles(connection, ids);
        return new Outcome(ids, fresh);
    }

    /**
     * Inserts the conversions not stored yet and the bundles that hold them (the batching queue), and finds the ids
     * of those that were stored already.
     */
    Outcome insertOnConflict(Connection connection) throws SQLException {
        long[] ids = new long[rows.size()];
        boolean[] known = new boolean[rows.size()];
        try (PreparedStatement insert = connection.prepareStatement(INSERT_ON_CONFLICT)) {
            bindColumns(connection, insert);
            bindBundles(connection, insert, COLUMNS + 1);
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

    /**
     * After the COPY, where every row is new: writes each bundle's row, listing its conversions. From now on they
     * wait for a batch (the batching queue).
     */
    private void queueBundles(Connection connection, long[] ids) throws SQLException {
        List<List<Long>> members = new ArrayList<>();
        bundles.forEach(bundle -> members.add(new ArrayList<>()));
        for (int r = 0; r < rows.size(); r++) {
            members.get(rows.get(r).bundle()).add(ids[r]);
        }
        try (PreparedStatement insert = connection.prepareStatement(QUEUE_BUNDLES)) {
            bindBundles(connection, insert, 1);
            insert.setArray(5, connection.createArrayOf("text",
                    members.stream().map(RequestRows::arrayText).toArray()));
            insert.executeUpdate();
        }
    }

    /** Binds four arrays from parameter first on: the bundles' ids, counters, identifier columns and requests. */
    private void bindBundles(Connection connection, PreparedStatement statement, int first) throws SQLException {
        statement.setArray(first, connection.createArrayOf("int8", Arrays.stream(bundleIds).boxed().toArray()));
        statement.setArray(first + 1, connection.createArrayOf("int8",
                bundles.stream().map(Bundle::counterId).toArray()));
        statement.setArray(first + 2, connection.createArrayOf("text",
                bundles.stream().map(Bundle::identifierColumns).toArray()));
        statement.setArray(first + 3, connection.createArrayOf("int8",
                bundles.stream().map(bundle -> requestIds[bundle.write()]).toArray()));
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
     * A conversion's columns in COPY's text form, all but the ids. For a request large enough to be written by COPY
     * in any group, the thread that runs it computes them before it joins a group (ConversionWriter), so that the
     * writer, which holds the group's transaction open, only copies them; for other rows the writer computes them.
     */
    static byte[] copyFields(UUID webhookId, long counterId, String dedupKey, NewConversion conversion) {
        return CopyText.fields(conversionColumns(webhookId, counterId, dedupKey, conversion));
    }

    /**
     * A row's columns as text, in the order both statements list them (after the id, which only COPY sends): the
     * forms PostgreSQL parses for each type, so that COPY and the INSERT's casts read the same values.
     */
    private String[] columns(Row row) {
        String[] conversion = conversionColumns(row.webhookId(), row.counterId(), row.dedupKey(), row.conversion());
        String[] columns = Arrays.copyOf(conversion, COLUMNS);
        columns[conversion.length] = Long.toString(requestIds[row.write()]);
        columns[conversion.length + 1] = Long.toString(bundleIds[row.bundle()]);
        return columns;
    }

    /** The columns that depend on the conversion alone: all but request_id and bundle_id, which come last. */
    private static String[] conversionColumns(UUID webhookId, long counterId, String dedupKey, NewConversion c) {
        return new String[] {
            webhookId.toString(),
            Long.toString(counterId),
            dedupKey,
            c.externalId(),
            text(c.clientId()),
            c.userId(),
            text(c.yclid()),
            c.purchaseId(),
            c.target(),
            c.eventTime().toString(),
            c.price() == null ? null : c.price().toPlainString(),
            c.currency()
        };
    }

    private static String text(BigInteger value) {
        return value == null ? null : value.toString();
    }

    /** Per distinct row of the group: its stored id, and whether this transaction inserted it. */
    record Outcome(long[] ids, boolean[] fresh) {
    }
}
