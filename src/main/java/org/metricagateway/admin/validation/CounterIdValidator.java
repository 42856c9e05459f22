package org.metricagateway.admin.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

public final class CounterIdValidator implements ConstraintValidator<CounterId, String> {
    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        return value == null || WebhookValues.counterId(value).isPresent();
    }
}
