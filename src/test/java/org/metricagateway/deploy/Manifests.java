package org.metricagateway.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The Kubernetes manifests in k8s/ as written (not rendered: kustomize is a Node tool, checked by `make k8s-check`),
 * read as JSON trees.
 */
final class Manifests {
    static final Path K8S = Path.of("k8s");
    static final Path BASE = K8S.resolve("base");
    static final Path MONITORING = K8S.resolve("components/monitoring");
    static final Path SECRET_TEMPLATE = K8S.resolve("secret-template.yaml");
    static final Path ROUTES_KUSTOMIZATION = Path.of("routes/kustomization.yml");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<JsonNode> objects;

    private Manifests(List<JsonNode> objects) {
        this.objects = objects;
    }

    /** The objects of the base, the monitoring component and the Secret template. */
    static Manifests read() {
        List<JsonNode> objects = new ArrayList<>();
        for (Path kustomization : List.of(BASE, MONITORING)) {
            for (JsonNode resource : yaml(kustomization.resolve("kustomization.yaml")).get(0).path("resources")) {
                Path file = kustomization.resolve(resource.asText());
                if (Files.isRegularFile(file)) {
                    objects.addAll(yaml(file));
                }
            }
        }
        objects.addAll(yaml(SECRET_TEMPLATE));
        return new Manifests(objects);
    }

    JsonNode get(String kind, String name) {
        return objects.stream()
                .filter(o -> o.path("kind").asText().equals(kind) && o.at("/metadata/name").asText().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No " + kind + " " + name + " in " + K8S));
    }

    JsonNode deployment() {
        return get("Deployment", "metrica-gateway");
    }

    JsonNode container() {
        return deployment().at("/spec/template/spec/containers/0");
    }

    static List<JsonNode> yaml(Path file) {
        try {
            List<JsonNode> documents = new ArrayList<>();
            for (Object document : new Load(LoadSettings.builder().build()).loadAllFromString(Files.readString(file))) {
                if (document != null) {
                    documents.add(JSON.valueToTree(document));
                }
            }
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A kustomize env file (KEY=value lines, # comments), as configMapGenerator reads it. */
    static Map<String, String> envFile(Path file) {
        try {
            Map<String, String> entries = new LinkedHashMap<>();
            for (String line : Files.readAllLines(file)) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                int equals = trimmed.indexOf('=');
                if (equals <= 0) {
                    throw new AssertionError(file + ": not KEY=value: " + line);
                }
                entries.put(trimmed.substring(0, equals), trimmed.substring(equals + 1));
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
