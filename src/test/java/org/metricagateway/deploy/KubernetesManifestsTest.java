package org.metricagateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.metricagateway.support.Http;
import org.metricagateway.support.TestGateway;

/**
 * The manifests in k8s/, the Dockerfile and the application's configuration agree: ports, probe and metrics paths,
 * environment variable names, Secret keys, the mounted routes, and what the pod may write. (Their validity against
 * the Kubernetes API schemas is checked by `make k8s-check`.)
 */
class KubernetesManifestsTest {
    /** Per-counter Metrica tokens are read from variables named after the counter (MetricaTokens). */
    private static final Pattern COUNTER_TOKEN = Pattern.compile("METRICA_TOKEN_[0-9]+");
    private static final String ROUTES_VOLUME = "routes";

    private final Manifests manifests = Manifests.read();
    private final ApplicationProperties properties = new ApplicationProperties();
    private final ImageRecipe image = ImageRecipe.read();
    private final Map<String, String> baseSettings = Manifests.envFile(Manifests.BASE.resolve("settings.env"));

    @Test
    void portsAgreeAcrossTheApplicationTheImageTheDeploymentAndTheService() {
        Map<String, Integer> containerPorts = new HashMap<>();
        manifests.container().path("ports")
                .forEach(p -> containerPorts.put(p.path("name").asText(), p.path("containerPort").asInt()));

        assertThat(containerPorts).containsEntry("http", port("camel.server.port"))
                .containsEntry("management", port("camel.management.port"));
        assertThat(image.exposedPorts()).containsExactlyInAnyOrderElementsOf(containerPorts.values());

        JsonNode podLabels = manifests.deployment().at("/spec/template/metadata/labels");
        JsonNode service = manifests.get("Service", "metrica-gateway");
        assertThat(matches(service.at("/spec/selector"), podLabels)).as("the Service selects the pods").isTrue();
        Set<String> servicePorts = new TreeSet<>();
        service.at("/spec/ports").forEach(p -> {
            assertThat(containerPorts).as("Service port %s targets a container port", p.path("name").asText())
                    .containsKey(p.path("targetPort").asText());
            servicePorts.add(p.path("name").asText());
        });

        JsonNode monitor = manifests.get("ServiceMonitor", "metrica-gateway");
        assertThat(matches(monitor.at("/spec/selector/matchLabels"), service.at("/metadata/labels"))).isTrue();
        monitor.at("/spec/endpoints").forEach(e -> assertThat(servicePorts).contains(e.path("port").asText()));

        JsonNode policy = manifests.get("NetworkPolicy", "metrica-gateway");
        assertThat(matches(policy.at("/spec/podSelector/matchLabels"), podLabels)).isTrue();
        policy.at("/spec/ingress").forEach(rule -> rule.path("ports")
                .forEach(p -> assertThat(containerPorts).containsKey(p.path("port").asText())));
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            assertThat(manifests.container().at("/" + probe + "/httpGet/port").asText()).as(probe)
                    .isEqualTo("management");
        }
    }

    @Test
    void probeAndMetricsPathsAreServedByTheGatewayOnItsManagementPort() {
        String management = TestGateway.get().managementUrl();
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            String path = manifests.container().at("/" + probe + "/httpGet/path").asText();
            assertThat(Http.send(Http.request(management + path)).status()).as("%s %s", probe, path).isEqualTo(200);
        }
        String metricsPath = manifests.get("ServiceMonitor", "metrica-gateway").at("/spec/endpoints/0/path").asText();
        Http.Response metrics = Http.send(Http.request(management + metricsPath));
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("# TYPE gateway_conversions_oldest_waiting_seconds gauge");
    }

    @Test
    void everyEnvironmentVariableGivenToTheGatewayIsOneOfItsSettings() {
        Map<String, String> given = new HashMap<>();
        manifests.container().path("env").forEach(e -> given.put(e.path("name").asText(), "the Deployment"));
        baseSettings.keySet().forEach(name -> given.put(name, "k8s/base/settings.env"));
        Manifests.envFile(Manifests.K8S.resolve("overlays/example/settings.env")).keySet()
                .forEach(name -> given.put(name, "k8s/overlays/example/settings.env"));
        manifests.get("Secret", "metrica-gateway-secrets").path("stringData").fieldNames()
                .forEachRemaining(name -> given.put(name, "the Secret template"));
        image.environment().keySet().forEach(name -> given.put(name, "the Dockerfile"));

        Set<String> known = properties.variables();
        given.forEach((name, where) -> assertThat(known.contains(name) || COUNTER_TOKEN.matcher(name).matches())
                .as("%s, set in %s, is not a key of application.properties (upper-cased, '.' and '-' as '_')",
                        name, where)
                .isTrue());
    }

    @Test
    void theDeploymentReadsItsSecretsFromTheKeysOfTheSecretTemplate() {
        JsonNode template = manifests.get("Secret", "metrica-gateway-secrets");
        String secretName = template.at("/metadata/name").asText();
        Set<String> required = new TreeSet<>();
        manifests.container().path("env").forEach(e -> {
            JsonNode reference = e.at("/valueFrom/secretKeyRef");
            if (!reference.isMissingNode()) {
                assertThat(reference.path("name").asText()).isEqualTo(secretName);
                assertThat(template.path("stringData").has(reference.path("key").asText()))
                        .as("Secret key %s", reference.path("key").asText()).isTrue();
                assertThat(reference.path("optional").asBoolean(false)).isFalse();
                required.add(e.path("name").asText());
            }
        });
        // Without these the gateway would run an embedded database in the pod, or refuse to start.
        assertThat(required).contains("DATABASE_URL", "ADMIN_TOKEN");

        JsonNode envFrom = manifests.container().path("envFrom");
        assertThat(envFrom.findValuesAsText("name")).contains(secretName);
        String settingsConfigMap = Manifests.yaml(Manifests.BASE.resolve("kustomization.yaml")).get(0)
                .at("/configMapGenerator/0/name").asText();
        assertThat(envFrom.findValues("configMapRef")).extracting(r -> r.path("name").asText())
                .containsExactly(settingsConfigMap);
    }

    @Test
    void theRoutesConfigMapsHoldExactlyTheRoutesTheGatewayLoadsFromWhereTheyAreMounted() throws IOException {
        List<String> patterns = Stream.of(setting("camel.main.routes-include-pattern").split(","))
                .map(String::strip).toList();
        Set<String> loaded = new TreeSet<>();
        for (String pattern : patterns) {
            assertThat(pattern).as("routes are loaded from files below routes/").startsWith("file:routes/");
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern.substring("file:".length()));
            try (Stream<Path> files = Files.walk(Path.of("routes"))) {
                files.filter(Files::isRegularFile).filter(matcher::matches).map(Path::toString).forEach(loaded::add);
            }
        }

        JsonNode mount = manifests.container().path("volumeMounts").findParents("name").stream()
                .filter(m -> m.path("name").asText().equals(ROUTES_VOLUME)).findFirst().orElseThrow();
        assertThat(mount.path("mountPath").asText()).as("the routes are mounted where the image's working directory"
                + " has them").isEqualTo(image.workdir() + "/routes");

        Map<String, JsonNode> generators = new HashMap<>();
        Manifests.yaml(Manifests.ROUTES_KUSTOMIZATION).get(0).path("configMapGenerator")
                .forEach(g -> generators.put(g.path("name").asText(), g));
        Set<String> mounted = new TreeSet<>();
        JsonNode volume = manifests.deployment().at("/spec/template/spec/volumes").findParents("name").stream()
                .filter(v -> v.path("name").asText().equals(ROUTES_VOLUME)).findFirst().orElseThrow();
        for (JsonNode source : volume.at("/projected/sources")) {
            String configMap = source.at("/configMap/name").asText();
            JsonNode generator = generators.get(configMap);
            assertThat(generator).as("ConfigMap %s is generated by %s", configMap, Manifests.ROUTES_KUSTOMIZATION)
                    .isNotNull();
            Map<String, String> pathOfKey = new HashMap<>();
            source.at("/configMap/items").forEach(i -> pathOfKey.put(i.path("key").asText(), i.path("path").asText()));
            for (JsonNode file : generator.path("files")) {
                String key = Path.of(file.asText()).getFileName().toString();
                assertThat(source.at("/configMap/items").isMissingNode() || pathOfKey.containsKey(key))
                        .as("%s is projected by an item of ConfigMap %s", key, configMap).isTrue();
                mounted.add("routes/" + pathOfKey.getOrDefault(key, key));
            }
        }
        assertThat(mounted)
                .as("route files mounted in the pod (%s lists them, k8s/base/deployment.yaml projects them into"
                        + " routes/; a subdirectory needs a ConfigMap of its own and items with its path) against"
                        + " the files camel.main.routes-include-pattern loads", Manifests.ROUTES_KUSTOMIZATION)
                .containsExactlyElementsOf(loaded);
    }

    @Test
    void nothingIsWrittenOutsideTheTemporaryDirectoryAndNothingRunsAsRoot() {
        JsonNode container = manifests.container();
        assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true)).isFalse();
        assertThat(container.at("/securityContext/capabilities/drop").toString()).contains("\"ALL\"");

        JsonNode volumes = manifests.deployment().at("/spec/template/spec/volumes");
        Set<String> writable = new TreeSet<>();
        container.path("volumeMounts").forEach(m -> {
            JsonNode volume = volumes.findParents("name").stream()
                    .filter(v -> v.path("name").asText().equals(m.path("name").asText())).findFirst().orElseThrow();
            if (volume.has("emptyDir") && !m.path("readOnly").asBoolean(false)) {
                writable.add(m.path("mountPath").asText());
            }
        });
        assertThat(writable).containsExactly("/tmp");
        // DATA_DIR is not used with an external database; were it ever used, it would still be writable.
        assertThat(image.environment().get("DATA_DIR")).startsWith("/tmp/");

        JsonNode pod = manifests.deployment().at("/spec/template/spec/securityContext");
        assertThat(pod.path("runAsNonRoot").asBoolean()).isTrue();
        assertThat(image.user()).isEqualTo(pod.path("runAsUser").asText() + ":" + pod.path("runAsGroup").asText());
    }

    @Test
    void theGracePeriodCoversTheDrainAndTheShutdownTimeout() {
        long drainSeconds = properties.value("shutdown.drain-delay-ms").map(Long::parseLong).orElse(0L) / 1000;
        long shutdownSeconds = Long.parseLong(properties.required("camel.main.shutdown-timeout"));
        assertThat(manifests.deployment().at("/spec/template/spec/terminationGracePeriodSeconds").asLong())
                .isGreaterThanOrEqualTo(drainSeconds + shutdownSeconds + 10);
    }

    @Test
    void theAutoscalerOwnsTheReplicaCountAndDisruptionsLeaveOneReplicaServing() {
        JsonNode deployment = manifests.deployment();
        JsonNode autoscaler = manifests.get("HorizontalPodAutoscaler", "metrica-gateway");
        assertThat(autoscaler.at("/spec/scaleTargetRef/kind").asText()).isEqualTo("Deployment");
        assertThat(autoscaler.at("/spec/scaleTargetRef/name").asText())
                .isEqualTo(deployment.at("/metadata/name").asText());
        assertThat(deployment.at("/spec/replicas").isMissingNode())
                .as("spec.replicas would scale the Deployment back at every apply").isTrue();
        int minReplicas = autoscaler.at("/spec/minReplicas").asInt();
        assertThat(minReplicas).isGreaterThanOrEqualTo(2);

        JsonNode budget = manifests.get("PodDisruptionBudget", "metrica-gateway");
        assertThat(matches(budget.at("/spec/selector/matchLabels"), deployment.at("/spec/template/metadata/labels")))
                .isTrue();
        assertThat(budget.at("/spec/maxUnavailable").asInt()).isLessThan(minReplicas);
        assertThat(deployment.at("/spec/strategy/rollingUpdate/maxUnavailable").asInt()).isZero();
    }

    private int port(String key) {
        return Integer.parseInt(setting(key));
    }

    /** The value in the cluster: k8s/base/settings.env when it sets the key's variable, else the default. */
    private String setting(String key) {
        return baseSettings.getOrDefault(ApplicationProperties.variableOf(key), properties.defaultOf(key));
    }

    private static boolean matches(JsonNode selector, JsonNode labels) {
        if (selector.isMissingNode() || selector.isEmpty()) {
            return false;
        }
        Iterable<Map.Entry<String, JsonNode>> entries = selector::fields;
        for (Map.Entry<String, JsonNode> entry : entries) {
            if (!entry.getValue().asText().equals(labels.path(entry.getKey()).asText(null))) {
                return false;
            }
        }
        return true;
    }
}
