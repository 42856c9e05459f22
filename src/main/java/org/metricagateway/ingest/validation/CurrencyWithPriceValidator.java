package org.metricagateway.ingest.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import org.metricagateway.ingest.ConversionInput;

public final class CurrencyWithPriceValidator implements ConstraintValidator<CurrencyWithPrice, ConversionInput> {
    @Override
    public boolean isValid(ConversionInput value, ConstraintValidatorContext context) {
        if (value == null || value.getPrice() == null || value.getCurrency() != null) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
                .addPropertyNode("currency").addConstraintViolation();
        return false;
    }
}
