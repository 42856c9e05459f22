package org.metricagateway.support;

import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import org.metricagateway.sandbox.IdentifierType;
import org.metricagateway.sandbox.MetricaSandbox;
import org.metricagateway.sandbox.ProcessingDelays;
import org.metricagateway.sandbox.Scope;
import org.metricagateway.support.Webhooks.CreatedWebhook;

/**
 * A gateway that delivers, with a Metrica sandbox of the test's own and (unless TEST_DATABASE_URL is set) a
 * database of its own: polling every second, short backoffs, quick processing. Tests seed the sandbox and read
 * batches from this gateway's database.
 */
public final class DeliveryRig implements AutoCloseable {
    public static final String TOKEN = "rig-token-0123456789";
    public static final String LOGIN = "crm-uploader";
    public static final String GOAL = "deal_won";

    private final MetricaSandbox sandbox;
    private final TestGateway gateway;

    private DeliveryRig(MetricaSandbox sandbox, TestGateway gateway) {
        this.sandbox = sandbox;
        this.gateway = gateway;
    }

    public static DeliveryRig start(Map<String, String> overrides) {
        MetricaSandbox sandbox = MetricaSandbox.builder().port(0).clock(Clock.systemUTC())
                .processingDelays(ProcessingDelays.QUICK).build().start();
        sandbox.seed().token(TOKEN, LOGIN, Scope.OFFLINE_DATA, Scope.READ);
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("metrica.api-url", sandbox.baseUrl());
        settings.put("metrica.token", TOKEN);
        settings.put("status.poll-cron", "0/1 * * * * ?");
        settings.put("status.poll-intervals-seconds", "1");
        settings.put("status.gauges-refresh-ms", "500");
        settings.put("upload.initial-backoff-ms", "100");
        settings.put("upload.max-backoff-ms", "500");
        settings.put("upload.max-attempts", "5");
        settings.put("upload.resume-interval-ms", "1000");
        settings.put("camel.component.http.response-timeout", "3000");
        settings.put("camel.component.http.so-timeout", "3000");
        settings.putAll(overrides);
        return new DeliveryRig(sandbox, TestGateway.start(settings));
    }

    public MetricaSandbox sandbox() {
        return sandbox;
    }

    public TestGateway gateway() {
        return gateway;
    }

    /** A counter the rig's login may upload to, with the rig's goal, and these ClientIds seen a day ago. */
    public void counter(long counterId, String... knownClientIds) {
        var counter = sandbox.seed().counter(counterId).grant(LOGIN).goals(GOAL);
        for (String clientId : knownClientIds) {
            counter.visits(IdentifierType.CLIENT_ID, clientId, Instant.now().minus(Duration.ofDays(1)));
        }
    }

    public CreatedWebhook webhook(long counterId) {
        JsonNode created = admin("POST", "/api/webhooks",
                "{\"name\":\"rig\",\"counter_id\":" + counterId + ",\"default_target\":\"" + GOAL + "\"}").json();
        String id = created.get("id").asText();
        return new CreatedWebhook(id, created.get("secret").asText(),
                gateway.baseUrl() + "/webhooks/" + id + "/conversions");
    }

    public Http.Response admin(String method, String path, String body) {
        HttpRequest.Builder request = Http.request(gateway.baseUrl() + path)
                .header("Authorization", "Bearer " + TestGateway.ADMIN_TOKEN)
                .header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        return Http.send(request);
    }

    /** Posts conversions (ClientIds), then completes the aggregation at once. */
    public List<Long> send(CreatedWebhook webhook, String... clientIds) {
        List<Map<String, Object>> conversions = new ArrayList<>();
        for (String clientId : clientIds) {
            Map<String, Object> conversion = Ingest.conversion(0);
            conversion.put("client_id", clientId);
            conversion.put("target", GOAL);
            conversions.add(conversion);
        }
        Http.Response response = Ingest.post(webhook, conversions);
        if (response.status() != 202) {
            throw new AssertionError(response.toString());
        }
        flush();
        List<Long> ids = new ArrayList<>();
        response.json().get("ids").forEach(id -> ids.add(id.asLong()));
        return ids;
    }

    public void flush() {
        Http.Response flushed = admin("POST", "/api/batches/flush", null);
        if (flushed.status() != 202) {
            throw new AssertionError(flushed.toString());
        }
    }

    /** The batch holding this conversion, once one does. */
    public Map<String, Object> batchOf(long conversionId) {
        List<Map<String, Object>> rows = new ArrayList<>();
        Deadline.within(Duration.ofSeconds(30)).until(() -> {
            rows.clear();
            rows.addAll(query("SELECT b.* FROM webhook_batches b JOIN conversion_bundles m ON m.batch_id = b.id"
                    + " JOIN webhook_conversions c ON c.bundle_id = m.id WHERE c.id = ?", conversionId));
            return !rows.isEmpty();
        });
        return rows.get(0);
    }

    public Map<String, Object> batch(long batchId) {
        return query("SELECT * FROM webhook_batches WHERE id = ?", batchId).get(0);
    }

    /** Waits until the batch matches, and returns it. */
    public Map<String, Object> awaitBatch(long batchId, Duration limit, Predicate<Map<String, Object>> condition) {
        Deadline.within(limit).until(() -> condition.test(batch(batchId)));
        return batch(batchId);
    }

    public List<Map<String, Object>> query(String sql, Object... parameters) {
        return Sql.rows(gateway, sql, parameters);
    }

    @Override
    public void close() {
        gateway.stop();
        sandbox.stop();
    }
}
