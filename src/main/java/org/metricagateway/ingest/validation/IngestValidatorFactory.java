package org.metricagateway.ingest.validation;

import java.time.Clock;
import java.util.Map;

import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import org.hibernate.validator.HibernateValidator;
import org.metricagateway.web.InjectingValidatorFactory;

/**
 * The ValidatorFactory behind {@code bean-validator:} in the ingest route: our clock, our configured time rules,
 * and no expression-language interpolation (messages never evaluate anything a client sent).
 */
public final class IngestValidatorFactory {
    private IngestValidatorFactory() {
    }

    public static ValidatorFactory create(EventTimeRules rules, Clock clock) {
        return InjectingValidatorFactory.create(
                Validation.byProvider(HibernateValidator.class).configure().clockProvider(() -> clock),
                Map.of(EventTimeValidator.class, () -> new EventTimeValidator(rules)));
    }
}
