package org.metricagateway.ingest.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import org.metricagateway.ingest.ConversionInput;

/** One violation per unknown field, named by the field itself. */
public final class KnownFieldsValidator implements ConstraintValidator<KnownFields, ConversionInput> {
    @Override
    public boolean isValid(ConversionInput value, ConstraintValidatorContext context) {
        if (value == null || value.getUnknownFields().isEmpty()) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        for (String name : value.getUnknownFields().keySet()) {
            context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
                    .addPropertyNode(name).addConstraintViolation();
        }
        return false;
    }
}
