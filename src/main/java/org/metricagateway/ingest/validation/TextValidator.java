package org.metricagateway.ingest.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

public final class TextValidator implements ConstraintValidator<Text, String> {
    private int max;

    @Override
    public void initialize(Text annotation) {
        max = annotation.max();
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        return value == null || ConversionValues.isCleanText(value, max);
    }
}
