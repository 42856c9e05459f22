package org.metricagateway.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.metricagateway.support.Deadline;
import org.metricagateway.support.GatewayProcess;
import org.metricagateway.support.Http;
import org.metricagateway.support.Ingest;
import org.metricagateway.support.Webhooks.CreatedWebhook;

/**
 * CRM-like clients posting conversions with unique client ids in a loop, as a load balancer would spread them over
 * the replicas: a request that gets no 202 (refused connection, error answer) is sent again, unchanged, to the next
 * replica, as a CRM retries. Remembers which conversions were accepted, and when each replica last accepted one and
 * first refused a connection.
 */
final class IngestLoad implements AutoCloseable {
    private static final int CONVERSIONS_PER_REQUEST = 5;
    /** A client that found no replica answering waits this long before trying again, as a CRM backs off. */
    private static final Duration BACKOFF = Duration.ofMillis(50);

    private final CreatedWebhook webhook;
    private final List<GatewayProcess> replicas;
    private final AtomicLong nextClientId;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ExecutorService clients;
    private final List<Future<?>> loops = new ArrayList<>();
    private final Set<String> sent = ConcurrentHashMap.newKeySet();
    private final Set<String> accepted = ConcurrentHashMap.newKeySet();
    private final Map<GatewayProcess, Instant> lastAccepted = new ConcurrentHashMap<>();
    private final Map<GatewayProcess, Instant> firstRefused = new ConcurrentHashMap<>();

    private IngestLoad(CreatedWebhook webhook, List<GatewayProcess> replicas, long firstClientId, int clientCount) {
        this.webhook = webhook;
        this.replicas = List.copyOf(replicas);
        this.nextClientId = new AtomicLong(firstClientId);
        this.clients = Executors.newFixedThreadPool(clientCount);
        for (int client = 0; client < clientCount; client++) {
            int first = client;
            loops.add(clients.submit(() -> loop(first)));
        }
    }

    static IngestLoad start(CreatedWebhook webhook, List<GatewayProcess> replicas, long firstClientId,
                            int clientCount) {
        return new IngestLoad(webhook, replicas, firstClientId, clientCount);
    }

    private Void loop(int client) throws InterruptedException {
        int request = client;
        while (running.get()) {
            List<Map<String, Object>> conversions = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < CONVERSIONS_PER_REQUEST; i++) {
                String clientId = Long.toString(nextClientId.getAndIncrement());
                Map<String, Object> conversion = Ingest.conversion(0);
                conversion.put("client_id", clientId);
                conversion.put("external_id", "lead-" + clientId);
                conversions.add(conversion);
                ids.add(clientId);
            }
            sent.addAll(ids);
            if (!deliver(conversions, request++)) {
                Thread.sleep(BACKOFF.toMillis());
            }
        }
        return null;
    }

    /** Tries every replica once, starting with one chosen round-robin; true when one accepted the request. */
    private boolean deliver(List<Map<String, Object>> conversions, int request) {
        for (int attempt = 0; attempt < replicas.size(); attempt++) {
            GatewayProcess replica = replicas.get((request + attempt) % replicas.size());
            Optional<Http.Response> answer = post(replica, conversions);
            if (answer.isEmpty()) {
                firstRefused.putIfAbsent(replica, Instant.now());
            } else if (answer.get().status() == 202) {
                lastAccepted.put(replica, Instant.now());
                conversions.forEach(c -> accepted.add((String) c.get("client_id")));
                return true;
            }
        }
        return false;
    }

    /** The answer, or empty when the connection failed. */
    private Optional<Http.Response> post(GatewayProcess replica, List<Map<String, Object>> conversions) {
        try {
            return Optional.of(Ingest.post(ProcessRig.ingestUrl(replica, webhook.id()), webhook.secret(),
                    conversions));
        } catch (AssertionError connectionFailed) {
            return Optional.empty();
        }
    }

    void awaitAccepted(int count, Duration limit) {
        Deadline.within(limit).until(() -> accepted.size() >= count);
    }

    /** Conversions some replica answered 202 for. */
    Set<String> accepted() {
        return Set.copyOf(accepted);
    }

    /** Every conversion sent, accepted or not (a request cut off by a crash may still have been stored). */
    Set<String> sent() {
        return Set.copyOf(sent);
    }

    Optional<Instant> lastAccepted(GatewayProcess replica) {
        return Optional.ofNullable(lastAccepted.get(replica));
    }

    Optional<Instant> firstRefused(GatewayProcess replica) {
        return Optional.ofNullable(firstRefused.get(replica));
    }

    /** Stops sending and waits for the requests in flight. */
    @Override
    public void close() throws Exception {
        running.set(false);
        for (Future<?> loop : loops) {
            loop.get(1, TimeUnit.MINUTES);
        }
        clients.shutdown();
    }
}
