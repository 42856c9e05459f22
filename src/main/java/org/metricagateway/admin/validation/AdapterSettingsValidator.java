package org.metricagateway.admin.validation;

import java.util.List;
import java.util.Optional;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import org.metricagateway.adapters.Adapter;
import org.metricagateway.adapters.AdapterCatalog;
import org.metricagateway.web.Violation;

public final class AdapterSettingsValidator implements ConstraintValidator<AdapterSettings, AdapterChoice> {
    private final AdapterCatalog catalog;

    public AdapterSettingsValidator(AdapterCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public boolean isValid(AdapterChoice request, ConstraintValidatorContext context) {
        if (request == null || request.formatToCheck() == null) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        Optional<Adapter> adapter = catalog.find(request.formatToCheck());
        if (adapter.isEmpty()) {
            add(context, "format", "is not a known format: one of " + String.join(", ", catalog.builtInFormats())
                    + ", or the name of an adapter route loaded from routes/adapters/");
            return false;
        }
        List<Violation> violations = catalog.check(adapter.get(), request.settingsToCheck());
        violations.forEach(v -> add(context, v.field(), v.message()));
        return violations.isEmpty();
    }

    /** Messages are fixed texts of ours (never client data), escaped so that no interpolation touches them. */
    private static void add(ConstraintValidatorContext context, String field, String message) {
        context.buildConstraintViolationWithTemplate(message.replace("\\", "\\\\").replace("{", "\\{")
                        .replace("}", "\\}").replace("$", "\\$"))
                .addPropertyNode(field).addConstraintViolation();
    }
}
