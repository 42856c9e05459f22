package org.metricagateway.ingest.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

public final class PriceValidator implements ConstraintValidator<Price, String> {
    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        return value == null || ConversionValues.price(value).isPresent();
    }
}
