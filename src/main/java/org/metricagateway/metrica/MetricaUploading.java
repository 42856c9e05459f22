package org.metricagateway.metrica;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.metricagateway.web.Json;

/**
 * An upload as Metrica describes it ({@code {"uploading": {...}}}, section 5.1). Every field but id and status may
 * be missing; the quantities are null until Metrica has computed them.
 */
public record MetricaUploading(long id, String status, String comment, Integer sourceQuantity, Integer lineQuantity,
                               Integer linkedQuantity, Integer userNotFoundQuantity,
                               Integer goalNotFoundQuantity) {

    public static MetricaUploading fromAnswer(String json) throws IOException {
        return from(Json.MAPPER.readTree(json).path("uploading"));
    }

    public static List<MetricaUploading> listFromAnswer(String json) throws IOException {
        List<MetricaUploading> uploadings = new ArrayList<>();
        for (JsonNode node : Json.MAPPER.readTree(json).path("uploadings")) {
            uploadings.add(from(node));
        }
        return uploadings;
    }

    private static MetricaUploading from(JsonNode node) throws IOException {
        if (!node.hasNonNull("id") || !node.hasNonNull("status")) {
            throw new IOException("Metrica's answer has no uploading id or status");
        }
        return new MetricaUploading(node.get("id").asLong(), node.get("status").asText(),
                text(node, "comment"), number(node, "source_quantity"), number(node, "line_quantity"),
                number(node, "linked_quantity"), number(node, "user_not_found_quantity"),
                number(node, "goal_not_found_quantity"));
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static Integer number(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asInt() : null;
    }
}
