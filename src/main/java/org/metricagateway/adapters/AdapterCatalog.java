package org.metricagateway.adapters;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.apache.camel.CamelContext;
import org.hibernate.validator.HibernateValidator;
import org.metricagateway.bitrix24.Bitrix24Settings;
import org.metricagateway.web.InjectingValidatorFactory;
import org.metricagateway.web.Json;
import org.metricagateway.web.Violation;
import org.metricagateway.web.ViolationMapper;

/**
 * Which formats a webhook may have, and whether given settings suit one. Built-in adapters are registered here
 * with their settings model; any other format is a custom adapter whose route {@code adapter-<format>} was loaded
 * from routes/adapters/ (no Java needed). Adding a built-in adapter: a route file in routes/adapters/ plus one
 * {@link #register} call in {@link #withBuiltIns} (docs/adapters.md).
 */
public final class AdapterCatalog {
    public static final String CANONICAL = "canonical";
    public static final String SETTINGS_FIELD = "settings";
    private static final Pattern FORMAT = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

    private final CamelContext context;
    private final Validator validator;
    private final Map<String, Adapter> builtIns = new LinkedHashMap<>();

    public AdapterCatalog(CamelContext context, Validator validator) {
        this.context = context;
        this.validator = validator;
    }

    public static AdapterCatalog withBuiltIns(CamelContext context) {
        Validator validator = InjectingValidatorFactory.create(Validation.byProvider(HibernateValidator.class)
                .configure(), Map.of()).getValidator();
        return new AdapterCatalog(context, validator)
                .register(Adapter.withoutSettings(CANONICAL))
                .register(Adapter.typed("amocrm", CrmSettings.class))
                .register(Adapter.typed("retailcrm", RetailCrmSettings.class))
                .register(Adapter.typed("bitrix24", Bitrix24Settings.class)
                        .withSecretFormField("auth[application_token]")
                        .withSecretSettings(Bitrix24Settings.REST_URL_FIELD));
    }

    public AdapterCatalog register(Adapter adapter) {
        builtIns.put(adapter.format(), adapter);
        return this;
    }

    public List<String> builtInFormats() {
        return List.copyOf(builtIns.keySet());
    }

    /** A built-in adapter, or a custom one whose route is loaded. */
    public Optional<Adapter> find(String format) {
        if (format == null || !FORMAT.matcher(format).matches()) {
            return Optional.empty();
        }
        Adapter builtIn = builtIns.get(format);
        if (builtIn != null) {
            return Optional.of(builtIn);
        }
        Adapter custom = Adapter.custom(format);
        return context.getRoute(custom.routeId()) == null ? Optional.empty() : Optional.of(custom);
    }

    /** Every problem of these settings for this adapter, fields named {@code settings.<field>}. */
    public List<Violation> check(Adapter adapter, JsonNode settings) {
        if (settings == null || settings.isNull()) {
            settings = Json.MAPPER.createObjectNode();
        }
        if (!settings.isObject()) {
            return List.of(new Violation(null, SETTINGS_FIELD, "must be a JSON object"));
        }
        if (!adapter.takesSettings()) {
            return settings.isEmpty() ? List.of()
                    : List.of(new Violation(null, SETTINGS_FIELD, "must be {} for the " + adapter.format()
                            + " format, which takes no settings"));
        }
        if (adapter.settingsType().isEmpty()) {
            return List.of();
        }
        Object typed;
        try {
            typed = Json.MAPPER.treeToValue(settings, adapter.settingsType().get());
        } catch (JsonMappingException e) {
            Violation v = ViolationMapper.fromMapping(e);
            return List.of(new Violation(null, SETTINGS_FIELD + "." + path(e), v.message()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return List.of(new Violation(null, SETTINGS_FIELD, "cannot be read"));
        }
        List<Violation> violations = new ArrayList<>();
        for (Violation v : ViolationMapper.fromConstraints(validator.validate(typed))) {
            violations.add(new Violation(null, v.field() == null ? SETTINGS_FIELD
                    : SETTINGS_FIELD + "." + v.field(), v.message()));
        }
        return violations;
    }

    private static String path(JsonMappingException e) {
        List<String> parts = new ArrayList<>();
        for (JsonMappingException.Reference ref : e.getPath()) {
            parts.add(ref.getFieldName() != null ? ref.getFieldName() : Integer.toString(ref.getIndex()));
        }
        return String.join(".", parts);
    }
}
