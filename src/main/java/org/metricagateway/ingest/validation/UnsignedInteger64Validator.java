package org.metricagateway.ingest.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

public final class UnsignedInteger64Validator implements ConstraintValidator<UnsignedInteger64, String> {
    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        return value == null || ConversionValues.unsigned64(value).isPresent();
    }
}
