package org.metricagateway.sandbox;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Metrica's JSON, written field by field so that the wire format cannot drift with a mapper's settings: snake_case
 * names, fields without a value left out, times as {@code 2025-01-01T00:00:00Z}.
 */
final class SandboxJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SandboxJson() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A tree of plain nodes always serialises", e);
        }
    }

    static String time(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /** {"errors":[{"error_type":..,"message":..}],"code":N,"message":..}: the envelope of every Metrica error. */
    static ObjectNode error(MetricaError error) {
        ObjectNode body = object();
        body.putArray("errors").addObject()
                .put("error_type", error.errorType())
                .put("message", error.getMessage());
        body.put("code", error.status());
        body.put("message", error.getMessage());
        return body;
    }

    /** {"uploading": {...}}: the answer of the upload and of the status endpoint. */
    static ObjectNode uploadingAnswer(UploadingState state, boolean leaveOutOptionalFields) {
        ObjectNode body = object();
        body.set("uploading", uploading(state, leaveOutOptionalFields));
        return body;
    }

    /** The OfflineConversionUploading object; the three counters appear only once the upload is terminal. */
    static ObjectNode uploading(UploadingState state, boolean leaveOutOptionalFields) {
        ObjectNode node = object();
        node.put("id", state.id());
        if (!leaveOutOptionalFields) {
            node.put("create_time", time(state.createTime()));
        }
        node.put("source_quantity", state.sourceQuantity());
        node.put("line_quantity", state.lineQuantity());
        if (!leaveOutOptionalFields) {
            state.comment().ifPresent(comment -> node.put("comment", comment));
            node.put("type", state.type());
        }
        state.clientIdType().ifPresent(type -> node.put("client_id_type", type.name()));
        node.put("status", state.status());
        state.linkage().ifPresent(linkage -> node
                .put("goal_not_found_quantity", linkage.goalNotFound())
                .put("user_not_found_quantity", linkage.userNotFound())
                .put("linked_quantity", linkage.linked()));
        return node;
    }
}
