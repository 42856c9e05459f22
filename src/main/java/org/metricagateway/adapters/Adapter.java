package org.metricagateway.adapters;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A webhook format: how a request body becomes canonical conversions. Its route is {@code direct:adapter-<format>}
 * (routes/adapters/). Built-in adapters have typed settings; a custom adapter (a YAML route only) takes any JSON
 * object as settings; the canonical format takes none.
 *
 * @param settingsType     the Bean Validation model of the settings; empty for free-form settings
 * @param takesSettings    false: the settings must be {@code {}}
 * @param secretFormField  a form field that may carry the webhook's secret, for senders that can set neither a
 *                         header nor the URL (Bitrix24's {@code auth[application_token]}); checked like the header
 * @param secretSettings   settings fields that carry a credential (Bitrix24's {@code rest_url}): the admin API
 *                         shows them masked, see {@link #shownSettings}
 */
public record Adapter(String format, Optional<Class<?>> settingsType, boolean takesSettings,
                      Optional<String> secretFormField, Set<String> secretSettings) {
    static final String ROUTE_PREFIX = "adapter-";
    /** What replaces a secret setting, or the path of a secret URL (whose scheme and host stay readable). */
    public static final String MASK = "***";

    public static Adapter withoutSettings(String format) {
        return new Adapter(format, Optional.empty(), false, Optional.empty(), Set.of());
    }

    public static Adapter typed(String format, Class<?> settingsType) {
        return new Adapter(format, Optional.of(settingsType), true, Optional.empty(), Set.of());
    }

    public static Adapter custom(String format) {
        return new Adapter(format, Optional.empty(), true, Optional.empty(), Set.of());
    }

    public Adapter withSecretFormField(String field) {
        return new Adapter(format, settingsType, takesSettings, Optional.of(field), secretSettings);
    }

    public Adapter withSecretSettings(String... fields) {
        return new Adapter(format, settingsType, takesSettings, secretFormField, Set.of(fields));
    }

    public String routeId() {
        return ROUTE_PREFIX + format;
    }

    /** The settings as the admin API shows them: secret fields masked (a URL keeps its scheme and host). */
    public JsonNode shownSettings(JsonNode settings) {
        if (secretSettings.isEmpty() || !(settings instanceof ObjectNode object)) {
            return settings;
        }
        ObjectNode shown = object.deepCopy();
        for (String field : secretSettings) {
            JsonNode value = shown.get(field);
            if (value != null && value.isTextual()) {
                shown.put(field, masked(value.asText()));
            }
        }
        return shown;
    }

    private static String masked(String value) {
        try {
            URI uri = new URI(value.trim());
            if (uri.getScheme() != null && uri.getRawAuthority() != null) {
                return uri.getScheme() + "://" + uri.getRawAuthority() + "/" + MASK;
            }
        } catch (URISyntaxException notUrl) {
            // masked whole below
        }
        return MASK;
    }
}
