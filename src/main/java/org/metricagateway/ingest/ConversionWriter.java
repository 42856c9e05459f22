package org.metricagateway.ingest;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.support.service.ServiceSupport;
import org.metricagateway.batching.ConversionGroup;
import org.metricagateway.requests.RawRequest;
import org.metricagateway.web.ApiException;
import org.metricagateway.webhooks.Webhook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores the conversions of ingest requests with group commit: requests that arrive while a transaction is being
 * committed are queued and written together by the next one, with one multi-row insert (COPY or INSERT ... ON
 * CONFLICT DO NOTHING, see {@link GroupRows}) and a single commit. A request is answered only after the commit that
 * holds its rows, so "202" still means durable, but the fsync is shared by every request of the group.
 * <p>
 * Each request is stored in the same transaction (webhook_requests: its raw body and its answer), and its
 * conversions name it (request_id): accepted means both are durable.
 * <p>
 * If a group fails for a reason other than the database being unavailable, its requests are written again one by
 * one, so that one bad request cannot fail the others.
 */
public final class ConversionWriter extends ServiceSupport {
    private static final Logger LOG = LoggerFactory.getLogger(ConversionWriter.class);
    private static final long POLL_MILLIS = 200;

    private static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;
    private final IngestMetrics metrics;
    private final int maxRowsPerTransaction;
    private final int writerThreads;
    private final int copyMinRows;
    private final Duration requestTimeout;
    private final BlockingQueue<PendingWrite> queue = new LinkedBlockingQueue<>();
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean accepting;

    public ConversionWriter(DataSource dataSource, IngestMetrics metrics, int maxRowsPerTransaction,
                            int writerThreads, int copyMinRows, Duration requestTimeout) {
        this.dataSource = dataSource;
        this.metrics = metrics;
        this.maxRowsPerTransaction = maxRowsPerTransaction;
        this.writerThreads = writerThreads;
        this.copyMinRows = copyMinRows;
        this.requestTimeout = requestTimeout;
    }

    /**
     * Route step: stores a validated batch for the authenticated webhook, with the raw request it came in (same
     * transaction), and returns the 202 answer.
     */
    public IngestResult store(ConversionBatch batch,
                              @ExchangeProperty(WebhookAuthenticator.WEBHOOK_PROPERTY) Webhook webhook,
                              @ExchangeProperty(RawRequest.PROPERTY) RawRequest request,
                              Exchange exchange)
            throws Exception {
        List<NewConversion> conversions = batch.conversions().stream().map(NewConversion::from).toList();
        List<String> keys = conversions.stream().map(c -> DedupKey.of(webhook.id(), c)).toList();
        PendingWrite write = new PendingWrite(webhook, conversions, keys, copyFields(webhook, conversions, keys),
                request, batch.ignored(), new CompletableFuture<>(), System.nanoTime());
        if (!accepting) {
            throw new ApiException(503, "shutting_down", "The gateway is shutting down; nothing was stored");
        }
        queue.add(write);
        try {
            IngestResult result = write.result().get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
            metrics.stored(result.accepted(), result.duplicates());
            if (result.ignored() != null) {
                metrics.ignored(webhook.format(), result.ignored());
            }
            // For the route, as plain variables: ${body.accepted} would make Camel introspect IngestResult again on
            // every request (its OGNL cache is keyed by instance).
            exchange.setVariable("accepted", result.accepted());
            exchange.setVariable("duplicates", result.duplicates());
            exchange.setVariable("newConversions", result.newConversions());
            return result;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (TimeoutException e) {
            // The rows may still be committed later: a retry of the same conversions is then counted as duplicates.
            throw new ApiException(503, "database_unavailable",
                    "The database did not confirm the write in time; retrying the same request is safe");
        }
    }

    /**
     * A request that is written by COPY whatever group it joins has its rows rendered here, on its own thread and
     * before it is queued, rather than by the writer while the group's transaction is open. Smaller requests are
     * rendered by the writer when their group reaches COPY's size.
     */
    private List<byte[]> copyFields(Webhook webhook, List<NewConversion> conversions, List<String> keys) {
        if (conversions.size() < copyMinRows) {
            return null;
        }
        List<byte[]> fields = new ArrayList<>(conversions.size());
        for (int i = 0; i < conversions.size(); i++) {
            fields.add(GroupRows.copyFields(webhook.id(), webhook.counterId(), keys.get(i), conversions.get(i)));
        }
        return fields;
    }

    @Override
    protected void doStart() {
        accepting = true;
        for (int i = 0; i < writerThreads; i++) {
            Thread thread = new Thread(this::drain, "conversion-writer-" + i);
            thread.setDaemon(false);
            thread.start();
            writers.add(thread);
        }
    }

    @Override
    protected void doStop() throws InterruptedException {
        accepting = false;
        for (Thread writer : writers) {
            writer.join(requestTimeout.toMillis());
        }
        writers.clear();
    }

    private void drain() {
        while (accepting || !queue.isEmpty()) {
            PendingWrite first;
            try {
                first = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (first == null) {
                continue;
            }
            List<PendingWrite> group = new ArrayList<>();
            group.add(first);
            int rows = first.conversions().size();
            PendingWrite next;
            while (rows < maxRowsPerTransaction && (next = queue.poll()) != null) {
                group.add(next);
                rows += next.conversions().size();
            }
            long taken = System.nanoTime();
            group.forEach(write -> metrics.queued(taken - write.queuedAt()));
            writeGroup(group);
        }
    }

    private void writeGroup(List<PendingWrite> group) {
        long started = System.nanoTime();
        try {
            Map<PendingWrite, IngestResult> answers = insert(group);
            metrics.written(System.nanoTime() - started);
            group.forEach(write -> write.result().complete(answers.get(write)));
        } catch (SQLException e) {
            if (group.size() > 1 && !isUnavailable(e)) {
                LOG.warn("A group of {} ingest requests failed ({}); writing them one by one", group.size(),
                        e.getSQLState());
                group.forEach(write -> writeGroup(List.of(write)));
            } else {
                group.forEach(write -> write.result().completeExceptionally(e));
            }
        } catch (RuntimeException e) {
            group.forEach(write -> write.result().completeExceptionally(e));
        }
    }

    /**
     * One transaction: insert the group's new conversions, queue their bundles for batching, find the ids of those
     * already stored, and store each request with the answer it gets. A large group is first tried with COPY, on the
     * assumption that none of its conversions is stored yet; when a unique violation says otherwise, it is written
     * again with INSERT ... ON CONFLICT (see GroupRows).
     */
    private Map<PendingWrite, IngestResult> insert(List<PendingWrite> group) throws SQLException {
        if (group.stream().mapToInt(write -> write.conversions().size()).sum() >= copyMinRows) {
            try {
                return insertOnce(group, true);
            } catch (SQLException e) {
                if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
            }
        }
        return insertOnce(group, false);
    }

    private Map<PendingWrite, IngestResult> insertOnce(List<PendingWrite> group, boolean copy) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                GroupRows rows = GroupRows.of(group);
                rows.drawIds(connection, copy);
                GroupRows.Outcome outcome = copy ? rows.copyAssumingNew(connection) : rows.insertOnConflict(connection);
                Map<PendingWrite, IngestResult> answers = answers(group, rows, outcome);
                RequestRows.insert(connection, group, rows.requestIds(), answers);
                connection.commit();
                return answers;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /**
     * Each request's answer. The first occurrence (in queue order) of a key that this transaction inserted counts
     * as accepted (it is in that request's bundle); every other occurrence is a duplicate carrying the stored id.
     */
    private static Map<PendingWrite, IngestResult> answers(List<PendingWrite> group, GroupRows rows,
                                                         GroupRows.Outcome outcome) {
        List<List<ConversionGroup>> newBundles = rows.newBundlesByWrite(outcome);
        Map<PendingWrite, IngestResult> answers = new IdentityHashMap<>();
        for (int w = 0; w < group.size(); w++) {
            PendingWrite write = group.get(w);
            List<Long> ids = new ArrayList<>(write.keys().size());
            for (int i = 0; i < write.keys().size(); i++) {
                ids.add(outcome.ids()[rows.rowOf(w, i)]);
            }
            List<ConversionGroup> fresh = newBundles.get(w);
            int accepted = fresh.stream().mapToInt(ConversionGroup::size).sum();
            answers.put(write, new IngestResult(accepted, ids.size() - accepted, List.copyOf(ids), write.ignored(),
                    List.copyOf(fresh)));
        }
        return answers;
    }

    private static boolean isUnavailable(SQLException e) {
        String state = e.getSQLState();
        return e instanceof SQLTransientException || state == null || state.startsWith("08")
                || state.startsWith("57");
    }

    /** copyFields: each conversion's columns in COPY's form, for a request large enough to be written by COPY. */
    record PendingWrite(Webhook webhook, List<NewConversion> conversions, List<String> keys, List<byte[]> copyFields,
                        RawRequest request, Integer ignored, CompletableFuture<IngestResult> result, long queuedAt) {
    }
}
