package org.metricagateway.adapters;

import java.util.Optional;

/**
 * A webhook format: how a request body becomes canonical conversions. Its route is {@code direct:adapter-<format>}
 * (routes/adapters/). Built-in adapters have typed settings; a custom adapter (a YAML route only) takes any JSON
 * object as settings; the canonical format takes none.
 *
 * @param settingsType     the Bean Validation model of the settings; empty for free-form settings
 * @param takesSettings    false: the settings must be {@code {}}
 * @param secretFormField  a form field that may carry the webhook's secret, for senders that can set neither a
 *                         header nor the URL (Bitrix24's {@code auth[application_token]}); checked like the header
 */
public record Adapter(String format, Optional<Class<?>> settingsType, boolean takesSettings,
                      Optional<String> secretFormField) {
    static final String ROUTE_PREFIX = "adapter-";

    public static Adapter withoutSettings(String format) {
        return new Adapter(format, Optional.empty(), false, Optional.empty());
    }

    public static Adapter typed(String format, Class<?> settingsType) {
        return new Adapter(format, Optional.of(settingsType), true, Optional.empty());
    }

    public static Adapter custom(String format) {
        return new Adapter(format, Optional.empty(), true, Optional.empty());
    }

    public Adapter withSecretFormField(String field) {
        return new Adapter(format, settingsType, takesSettings, Optional.of(field));
    }

    public String routeId() {
        return ROUTE_PREFIX + format;
    }
}
