package org.metricagateway.delivery;

import java.net.http.HttpRequest;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.metricagateway.sandbox.MetricaSandbox;
import org.metricagateway.sandbox.ProcessingDelays;
import org.metricagateway.sandbox.Scope;
import org.metricagateway.support.DeliveryRig;
import org.metricagateway.support.GatewayProcess;
import org.metricagateway.support.Http;
import org.metricagateway.support.Webhooks.CreatedWebhook;

/**
 * Gateways as separate processes (so that a test can SIGKILL them) delivering to a sandbox in the test's JVM, with
 * every delay short: groups complete after 1 s, unclaimed rows are recovered after 2 s, leases last 3 s.
 */
final class ProcessRig {
    static final String ADMIN_TOKEN = "process-rig-admin-token-0123456789";
    private static final Pattern EMBEDDED_PORT = Pattern.compile("Embedded PostgreSQL started on port (\\d+)");

    final MetricaSandbox sandbox;

    ProcessRig() {
        sandbox = MetricaSandbox.builder().port(0).clock(Clock.systemUTC()).processingDelays(ProcessingDelays.QUICK)
                .build().start();
        sandbox.seed().token(DeliveryRig.TOKEN, DeliveryRig.LOGIN, Scope.OFFLINE_DATA, Scope.READ);
    }

    void counter(long counterId) {
        sandbox.seed().counter(counterId).grant(DeliveryRig.LOGIN).goals(DeliveryRig.GOAL);
    }

    Map<String, String> environment(Map<String, String> extra) {
        Map<String, String> environment = new HashMap<>(Map.ofEntries(
                Map.entry("ADMIN_TOKEN", ADMIN_TOKEN),
                Map.entry("METRICA_API_URL", sandbox.baseUrl()),
                Map.entry("METRICA_TOKEN", DeliveryRig.TOKEN),
                Map.entry("BATCHING_COMPLETION_INTERVAL_MS", "1000"),
                Map.entry("BATCHING_RECOVERY_MIN_AGE_MS", "2000"),
                Map.entry("BATCHING_RECOVERY_INTERVAL_MS", "500"),
                Map.entry("BATCHING_RECOVERY_DELAY_MS", "0"),
                Map.entry("UPLOAD_LEASE_MS", "3000"),
                Map.entry("UPLOAD_RESUME_INTERVAL_MS", "500"),
                Map.entry("UPLOAD_INITIAL_BACKOFF_MS", "100"),
                Map.entry("UPLOAD_MAX_BACKOFF_MS", "500"),
                Map.entry("METRICA_SLOT_WAIT_MS", "1000"),
                Map.entry("STATUS_POLL_CRON", "0/1 * * * * ?"),
                Map.entry("STATUS_POLL_INTERVALS_SECONDS", "1")));
        environment.putAll(extra);
        return environment;
    }

    static CreatedWebhook webhook(GatewayProcess gateway, long counterId) {
        JsonNode created = Http.send(Http.request(gateway.baseUrl() + "/api/webhooks")
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"crash\",\"counter_id\":" + counterId
                        + ",\"default_target\":\"" + DeliveryRig.GOAL + "\"}"))).json();
        String id = created.get("id").asText();
        return new CreatedWebhook(id, created.get("secret").asText(), ingestUrl(gateway, id));
    }

    static String ingestUrl(GatewayProcess gateway, String webhookId) {
        return gateway.baseUrl() + "/webhooks/" + webhookId + "/conversions";
    }

    /** The JDBC URL of the embedded PostgreSQL a gateway process started, for a second gateway to share it. */
    static String embeddedDatabaseUrl(GatewayProcess gateway) {
        Matcher matcher = EMBEDDED_PORT.matcher(gateway.output());
        if (!matcher.find()) {
            throw new AssertionError("No embedded PostgreSQL in the output:\n" + gateway.output());
        }
        return "jdbc:postgresql://127.0.0.1:" + matcher.group(1) + "/postgres?user=postgres";
    }

    /** Every ClientId the sandbox received for the counter, one entry per row received (duplicates included). */
    List<String> receivedClientIds(long counterId) {
        return sandbox.received().uploads(counterId).stream()
                .flatMap(upload -> upload.rows().stream())
                .map(row -> row.get("clientid"))
                .toList();
    }

    long receivedUploads(long counterId) {
        return sandbox.received().uploads(counterId).size();
    }
}
