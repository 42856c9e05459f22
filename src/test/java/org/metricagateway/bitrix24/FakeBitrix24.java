package org.metricagateway.bitrix24;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A fake Bitrix24 portal's REST API, as much of it as the adapter uses: {@code crm.deal.get.json?id=} under an
 * inbound-webhook URL {@code /rest/<user>/<token>/}. It answers like Bitrix24: the deal under {@code result},
 * 400 {@code "error_description": "Not found"} for an unknown deal, 401 for a wrong token; and it can be told to
 * fail the next requests (503 QUERY_LIMIT_EXCEEDED, 500) before answering normally again.
 */
public final class FakeBitrix24 {
    static final String TOKEN = "k3h9x0qz2v8r1m5t";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int port;
    private final Map<String, Map<String, Object>> deals = new ConcurrentHashMap<>();
    private final Deque<Integer> failures = new ArrayDeque<>();
    private final List<String> requestedDeals = new CopyOnWriteArrayList<>();
    private HttpServer server;

    private FakeBitrix24(int port) {
        this.port = port;
    }

    /** Not listening yet: calls to {@link #restUrl()} are refused until {@link #start()}. */
    public static FakeBitrix24 onPort(int port) {
        return new FakeBitrix24(port);
    }

    public synchronized FakeBitrix24 start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/rest/", this::handle);
        server.start();
        return this;
    }

    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** The inbound-webhook URL a Bitrix24 administrator pastes into the webhook's settings. */
    public String restUrl() {
        return "http://127.0.0.1:" + port + "/rest/1/" + TOKEN + "/";
    }

    public void deal(Map<String, Object> deal) {
        deals.put((String) deal.get("ID"), deal);
    }

    /** The next requests get these statuses, in order, whatever they ask. */
    public synchronized void failNext(int... statuses) {
        for (int status : statuses) {
            failures.add(status);
        }
    }

    /** Deal ids asked for, in order. */
    public List<String> requestedDeals() {
        return List.copyOf(requestedDeals);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String query = exchange.getRequestURI().getQuery();
            String id = query != null && query.startsWith("id=") ? query.substring(3) : null;
            requestedDeals.add(String.valueOf(id));
            Integer failure;
            synchronized (this) {
                failure = failures.poll();
            }
            if (failure != null) {
                answer(exchange, failure, failure == 503
                        ? Map.of("error", "QUERY_LIMIT_EXCEEDED", "error_description", "Too many requests")
                        : Map.of("error", "INTERNAL_SERVER_ERROR", "error_description", "Internal server error"));
                return;
            }
            if (!path.equals("/rest/1/" + TOKEN + "/crm.deal.get.json")) {
                answer(exchange, 401, Map.of("error", "INVALID_CREDENTIALS",
                        "error_description", "Invalid request credentials"));
                return;
            }
            Map<String, Object> deal = id == null ? null : deals.get(id);
            if (deal == null) {
                answer(exchange, 400, Map.of("error", "", "error_description", "Not found"));
                return;
            }
            answer(exchange, 200, Map.of("result", deal, "time", Map.of("start", 1764150000.123,
                    "finish", 1764150000.168, "duration", 0.045, "processing", 0.012)));
        }
    }

    private static void answer(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
