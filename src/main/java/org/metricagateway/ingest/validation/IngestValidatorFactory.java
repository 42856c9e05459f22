package org.metricagateway.ingest.validation;

import java.time.Clock;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorFactory;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * The ValidatorFactory behind {@code bean-validator:} in the ingest route: our clock, our configured time rules,
 * and no expression-language interpolation (messages never evaluate anything a client sent).
 */
public final class IngestValidatorFactory {
    private IngestValidatorFactory() {
    }

    public static ValidatorFactory create(EventTimeRules rules, Clock clock) {
        var configuration = Validation.byProvider(HibernateValidator.class).configure();
        ConstraintValidatorFactory defaults = configuration.getDefaultConstraintValidatorFactory();
        return configuration
                .messageInterpolator(new ParameterMessageInterpolator())
                .clockProvider(() -> clock)
                .constraintValidatorFactory(new ConstraintValidatorFactory() {
                    @Override
                    @SuppressWarnings("unchecked")
                    public <T extends ConstraintValidator<?, ?>> T getInstance(Class<T> key) {
                        if (key == EventTimeValidator.class) {
                            return (T) new EventTimeValidator(rules);
                        }
                        return defaults.getInstance(key);
                    }

                    @Override
                    public void releaseInstance(ConstraintValidator<?, ?> instance) {
                        defaults.releaseInstance(instance);
                    }
                })
                .buildValidatorFactory();
    }
}
