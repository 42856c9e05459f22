package org.metricagateway.ingest.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import org.metricagateway.ingest.ConversionInput;

public final class HasIdentifierValidator implements ConstraintValidator<HasIdentifier, ConversionInput> {
    /** The violation's field: documented in docs/api.md. */
    static final String FIELD = "identifiers";

    @Override
    public boolean isValid(ConversionInput value, ConstraintValidatorContext context) {
        if (value == null || value.getClientId() != null || value.getUserId() != null || value.getYclid() != null
                || value.getPurchaseId() != null) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
                .addPropertyNode(FIELD).addConstraintViolation();
        return false;
    }
}
