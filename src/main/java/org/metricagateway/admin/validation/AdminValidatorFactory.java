package org.metricagateway.admin.validation;

import java.util.Map;

import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import org.hibernate.validator.HibernateValidator;
import org.metricagateway.adapters.AdapterCatalog;
import org.metricagateway.web.InjectingValidatorFactory;

/**
 * The ValidatorFactory behind {@code bean-validator:} in the admin webhook routes: gives {@link AdapterSettings}
 * the adapter catalog, and interpolates parameters only (no expression language over anything a client sent).
 */
public final class AdminValidatorFactory {
    private AdminValidatorFactory() {
    }

    public static ValidatorFactory create(AdapterCatalog catalog) {
        return InjectingValidatorFactory.create(Validation.byProvider(HibernateValidator.class).configure(),
                Map.of(AdapterSettingsValidator.class, () -> new AdapterSettingsValidator(catalog)));
    }
}
