package org.metricagateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.metricagateway.database.EmbeddedDatabase;
import org.metricagateway.sandbox.IdentifierType;
import org.metricagateway.sandbox.MetricaSandbox;
import org.metricagateway.sandbox.ProcessingDelays;
import org.metricagateway.sandbox.Scope;
import org.metricagateway.support.Deadline;
import org.metricagateway.support.GatewayProcess;
import org.metricagateway.support.Http;
import org.metricagateway.support.Ingest;
import org.metricagateway.support.Webhooks.CreatedWebhook;

/**
 * The image, as far as it can be checked without a container engine (an integration test: it needs the packaged
 * jar and target/lib). A directory stands for the image's root: the Dockerfile's final stage is laid out in it
 * (ImageRecipe), and the gateway is started with the image's exact ENTRYPOINT from the image's WORKDIR, with the
 * image's environment and the cluster's settings (k8s/base/settings.env), an external database and a Metrica API
 * (the sandbox) as the Secret would give them. It must become ready on the Deployment's probe paths, serve the API,
 * deliver to Metrica, expose every metric the alerts and the dashboard use, and write nothing outside /tmp.
 */
class ContainerImageIT {
    private static final String ADMIN_TOKEN = "image-test-admin-token-0123456789";
    private static final String METRICA_TOKEN = "image-test-metrica-token";
    private static final String LOGIN = "image-test";
    private static final String GOAL = "deal_won";
    private static final long COUNTER = 7001;
    /** A counter the token has no access to: Metrica refuses the upload (403) and the counter is paused. */
    private static final long REFUSED_COUNTER = 7002;
    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final Pattern METRIC = Pattern.compile("\\b(?:gateway|hikaricp|jvm)_[a-z0-9_]+[a-z0-9]");
    private final ImageRecipe image = ImageRecipe.read();
    private final Manifests manifests = Manifests.read();

    @Test
    void thePackagedGatewayRunsFromTheImageLayoutWithTheImageCommandAndWritesOnlyToTmp() throws Exception {
        Path root = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "image-root-");
        image.layOut(Path.of("").toAbsolutePath(), root);
        Path tmp = Files.createDirectories(ImageRecipe.inImage(root, "/tmp"));
        Map<String, Long> imageFiles = filesOutside(root, tmp);

        MetricaSandbox sandbox = MetricaSandbox.builder().port(0).clock(Clock.systemUTC())
                .processingDelays(ProcessingDelays.QUICK).build().start();
        sandbox.seed().token(METRICA_TOKEN, LOGIN, Scope.OFFLINE_DATA, Scope.READ);
        sandbox.seed().counter(COUNTER).grant(LOGIN).goals(GOAL)
                .visits(IdentifierType.CLIENT_ID, "1", Instant.now().minus(Duration.ofDays(1)));
        sandbox.seed().counter(REFUSED_COUNTER).goals(GOAL);
        Path databaseDirectory = Files.createTempDirectory(Path.of("target"), "image-database-");
        try (sandbox;
             EmbeddedDatabase database = EmbeddedDatabase.start(databaseDirectory);
             GatewayProcess gateway = GatewayProcess.start(image.command(),
                     ImageRecipe.inImage(root, image.workdir()), environment(root, database, sandbox))) {
            assertThat(gateway.output()).contains("Using the PostgreSQL server at")
                    .doesNotContain("Embedded PostgreSQL started")
                    .doesNotContain("Metrica sandbox at");
            assertThat(gateway.output().lines().filter(line -> line.startsWith("{\"")))
                    .as("JSON log lines (LOG_FORMAT from settings.env)")
                    .anyMatch(line -> line.contains("Using the PostgreSQL server at"));
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                String path = manifests.container().at("/" + probe + "/httpGet/path").asText();
                assertThat(Http.send(Http.request(gateway.managementUrl() + path)).status()).as(probe).isEqualTo(200);
            }

            CreatedWebhook webhook = webhook(gateway, COUNTER);
            Map<String, Object> conversion = Ingest.conversion(1);
            assertThat(Ingest.post(webhook, conversion).status()).isEqualTo(202);
            assertThat(Ingest.post(webhook, conversion).json().get("duplicates").asInt()).isEqualTo(1);
            assertThat(Ingest.post(webhook, "{\"client_id\": \"x\"}").status()).isEqualTo(422);
            assertThat(Ingest.post(webhook.ingestUrl(), "not-the-secret", Ingest.conversion(2)).status()).isEqualTo(401);
            CreatedWebhook refused = webhook(gateway, REFUSED_COUNTER);
            assertThat(Ingest.post(refused, Ingest.conversion(3)).status()).isEqualTo(202);
            assertThat(admin(gateway, "POST", "/api/batches/flush", null).status()).isEqualTo(202);

            awaitBatch(gateway, COUNTER, "processed");
            awaitBatch(gateway, REFUSED_COUNTER, "failed");
            awaitMetricsUsedByAlertsAndDashboard(gateway);

            gateway.process().destroy();
            assertThat(gateway.process().waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
        }
        assertThat(filesOutside(root, tmp)).as("files of the image outside /tmp (a read-only root file system)")
                .isEqualTo(imageFiles);
        assertThat(ImageRecipe.inImage(root, image.environment().get("DATA_DIR"))).doesNotExist();
        deleteTree(root);
        deleteTree(databaseDirectory);
    }

    /**
     * What the pod's environment holds: the image's ENV (paths inside the image's root), the settings ConfigMap,
     * and what the Secret gives. Two differences: the ports are free ones (8080 and 9876 may be taken on a shared
     * test machine), and METRICA_API_URL names the sandbox instead of Yandex Metrica.
     */
    private Map<String, String> environment(Path root, EmbeddedDatabase database, MetricaSandbox sandbox) {
        Map<String, String> environment = new HashMap<>();
        image.environment().forEach((name, value) ->
                environment.put(name, value.startsWith("/") ? ImageRecipe.inImage(root, value).toString() : value));
        environment.putAll(Manifests.envFile(Manifests.BASE.resolve("settings.env")));
        environment.put("DATABASE_URL", database.jdbcUrl());
        environment.put("DATABASE_USER", database.user());
        environment.put("ADMIN_TOKEN", ADMIN_TOKEN);
        environment.put("METRICA_TOKEN", METRICA_TOKEN);
        environment.put("METRICA_API_URL", sandbox.baseUrl());
        // The JVM of the image writes its temporary files to the image's /tmp.
        environment.put("JAVA_TOOL_OPTIONS", "-Djava.io.tmpdir=" + ImageRecipe.inImage(root, "/tmp"));
        // The image runs the java on its PATH: here, the one running the tests.
        environment.put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH"));
        // Quick enough for a test: poll statuses every second, refresh the gauges twice a second.
        environment.put("STATUS_POLL_CRON", "0/1 * * * * ?");
        environment.put("STATUS_POLL_INTERVALS_SECONDS", "1");
        environment.put("STATUS_GAUGES_REFRESH_MS", "500");
        return environment;
    }

    private void awaitMetricsUsedByAlertsAndDashboard(GatewayProcess gateway) throws IOException {
        Set<String> used = new TreeSet<>();
        for (Path file : List.of(Manifests.MONITORING.resolve("prometheusrule.yaml"),
                Manifests.MONITORING.resolve("grafana-dashboard.json"))) {
            Matcher names = METRIC.matcher(Files.readString(file));
            while (names.find()) {
                used.add(names.group());
            }
        }
        assertThat(used).contains("gateway_conversions_oldest_waiting_seconds", "gateway_metrica_counters_paused",
                "gateway_webhook_usual_interval_seconds");
        String metricsPath = manifests.get("ServiceMonitor", "metrica-gateway").at("/spec/endpoints/0/path").asText();
        Set<String> missing = new TreeSet<>(used);
        try {
            Deadline.within(LIMIT).until(() -> {
                String exposed = Http.send(Http.request(gateway.managementUrl() + metricsPath)).body();
                missing.clear();
                used.stream().filter(name -> !Pattern.compile("(?m)^" + name + "[{ ]").matcher(exposed).find())
                        .forEach(missing::add);
                return missing.isEmpty();
            });
        } catch (AssertionError e) {
            throw new AssertionError("Metrics used by the alerts or the dashboard that the gateway does not expose: "
                    + missing, e);
        }
    }

    private static CreatedWebhook webhook(GatewayProcess gateway, long counterId) {
        JsonNode created = admin(gateway, "POST", "/api/webhooks",
                "{\"name\":\"image\",\"counter_id\":" + counterId + ",\"default_target\":\"" + GOAL + "\"}").json();
        return new CreatedWebhook(created.get("id").asText(), created.get("secret").asText(),
                gateway.baseUrl() + created.get("ingest_path").asText());
    }

    private static void awaitBatch(GatewayProcess gateway, long counterId, String status) {
        Deadline.within(LIMIT).until(() -> {
            JsonNode batches = admin(gateway, "GET", "/api/batches?counter_id=" + counterId, null).json().get("batches");
            return batches.size() == 1 && batches.get(0).get("status").asText().equals(status);
        });
    }

    private static Http.Response admin(GatewayProcess gateway, String method, String path, String body) {
        return Http.send(Http.request(gateway.baseUrl() + path)
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)));
    }

    /** The image's copy of target/lib weighs over 100 MB, the database 40: removed once the test passed. */
    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }

    /** Every file below the root but outside /tmp, with its size. */
    private static Map<String, Long> filesOutside(Path root, Path tmp) throws IOException {
        Map<String, Long> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                if (!path.startsWith(tmp) && !path.equals(root)) {
                    files.put(root.relativize(path).toString(), Files.isDirectory(path) ? -1 : Files.size(path));
                }
            }
        }
        return files;
    }
}
