package org.metricagateway.admin;

import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.metricagateway.admin.validation.WebhookValues;

/**
 * Turns a validated admin request into the column values the SQL steps of routes/admin-webhooks.yaml use as named
 * parameters: trimmed text, the counter id as a number, canonical CIDR blocks. A null value means "leave the column
 * as it is" in an update.
 */
public final class WebhookColumns {

    public Map<String, Object> forInsert(NewWebhook request) {
        Map<String, Object> columns = new HashMap<>();
        columns.put("name", request.getName().trim());
        columns.put("counter_id", WebhookValues.counterId(request.getCounterId()).orElseThrow());
        columns.put("default_target", trim(request.getDefaultTarget()));
        columns.put("allowed_ips", request.getAllowedIps() == null ? new String[0]
                : WebhookValues.canonicalBlocks(request.getAllowedIps()));
        columns.put("format", request.getFormat().trim());
        columns.put("settings", settingsText(request.getSettings()));
        columns.put("secret_in_query", Boolean.TRUE.equals(request.getSecretInQuery()));
        return columns;
    }

    public Map<String, Object> forUpdate(WebhookChanges changes) {
        Map<String, Object> columns = new HashMap<>();
        columns.put("name", trim(changes.getName()));
        columns.put("active", changes.getActive());
        columns.put("allowed_ips", changes.getAllowedIps() == null ? null
                : WebhookValues.canonicalBlocks(changes.getAllowedIps()));
        // default_target is the one column an update can clear, so "not sent" needs its own flag.
        columns.put("default_target_sent", changes.isDefaultTargetSent());
        columns.put("default_target", trim(changes.getDefaultTarget()));
        columns.put("format", trim(changes.getFormat()));
        columns.put("settings", changes.getSettings() == null ? null : settingsText(changes.getSettings()));
        columns.put("secret_in_query", changes.getSecretInQuery());
        return columns;
    }

    /** Settings as jsonb text; absent or null is {}. */
    private static String settingsText(JsonNode settings) {
        return settings == null || settings.isNull() ? "{}" : settings.toString();
    }

    private static String trim(String value) {
        return value == null ? null : value.trim();
    }
}
