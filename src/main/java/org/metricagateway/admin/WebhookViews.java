package org.metricagateway.admin;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.metricagateway.adapters.AdapterCatalog;
import org.metricagateway.web.ApiException;
import org.metricagateway.web.Json;

/**
 * Builds {@link WebhookView}s from the rows the SQL steps select (columns named as in the table; allowed_ips as
 * one comma-separated text, see routes/admin-webhooks.yaml).
 */
public final class WebhookViews {
    private final AdapterCatalog adapters;

    public WebhookViews(AdapterCatalog adapters) {
        this.adapters = adapters;
    }

    /** The answer of the list call: {@code {"webhooks": [...]}}. */
    public record WebhookList(List<WebhookView> webhooks) {
    }

    public WebhookView one(List<Map<String, Object>> rows) {
        if (rows.isEmpty()) {
            throw ApiException.notFound("Webhook");
        }
        return view(rows.get(0));
    }

    public WebhookList list(List<Map<String, Object>> rows) {
        return new WebhookList(rows.stream().map(this::view).toList());
    }

    public WebhookView withSecret(WebhookView webhook, String secret) {
        return webhook.withSecret(secret);
    }

    /** The answer of rotate-secret: a secret the caller chose is not sent back (nothing sent is echoed). */
    public WebhookView withSecret(WebhookView webhook, String secret, boolean chosen) {
        return chosen ? webhook : webhook.withSecret(secret);
    }

    private WebhookView view(Map<String, Object> row) {
        UUID id = (UUID) row.get("id");
        String format = (String) row.get("format");
        return new WebhookView(
                id,
                (String) row.get("name"),
                ((Number) row.get("counter_id")).longValue(),
                (String) row.get("default_target"),
                blocks((String) row.get("allowed_ips")),
                (Boolean) row.get("active"),
                WebhookView.ingestPath(id),
                format,
                shown(format, settings((String) row.get("settings"))),
                (Boolean) row.get("secret_in_query"),
                RowValues.instant(row.get("created_at")),
                RowValues.instant(row.get("updated_at")),
                RowValues.instant(row.get("deactivated_at")),
                RowValues.instant(row.get("secret_rotated_at")),
                RowValues.instant(row.get("previous_secret_expires_at")),
                null);
    }

    /** Credentials in settings (Bitrix24's rest_url) are never shown. */
    private JsonNode shown(String format, JsonNode settings) {
        return adapters.find(format).map(adapter -> adapter.shownSettings(settings)).orElse(settings);
    }

    /** Stored as jsonb, selected as text: the table's CHECK makes it a JSON object. */
    private static JsonNode settings(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("webhooks.settings is not JSON", e);
        }
    }

    private static List<String> blocks(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }
}
