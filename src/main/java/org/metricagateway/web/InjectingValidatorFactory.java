package org.metricagateway.web;

import java.util.Map;
import java.util.function.Supplier;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorFactory;
import jakarta.validation.ValidatorFactory;
import org.hibernate.validator.HibernateValidatorConfiguration;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * Builds the ValidatorFactories behind our {@code bean-validator:} endpoints: parameter-only message interpolation
 * (no message ever evaluates client data), and constraint validators that need our objects (settings, the clock,
 * the adapter catalog) created by the given suppliers instead of by reflection.
 */
public final class InjectingValidatorFactory {
    private InjectingValidatorFactory() {
    }

    public static ValidatorFactory create(HibernateValidatorConfiguration configuration,
                                          Map<Class<?>, Supplier<ConstraintValidator<?, ?>>> injected) {
        ConstraintValidatorFactory defaults = configuration.getDefaultConstraintValidatorFactory();
        return configuration
                .messageInterpolator(new ParameterMessageInterpolator())
                .constraintValidatorFactory(new ConstraintValidatorFactory() {
                    @Override
                    @SuppressWarnings("unchecked")
                    public <T extends ConstraintValidator<?, ?>> T getInstance(Class<T> key) {
                        Supplier<ConstraintValidator<?, ?>> supplier = injected.get(key);
                        return supplier != null ? (T) supplier.get() : defaults.getInstance(key);
                    }

                    @Override
                    public void releaseInstance(ConstraintValidator<?, ?> instance) {
                        defaults.releaseInstance(instance);
                    }
                })
                .buildValidatorFactory();
    }
}
