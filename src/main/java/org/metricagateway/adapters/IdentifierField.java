package org.metricagateway.adapters;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/** CRM settings name at least one identifier field: without one, no conversion could ever be linked. */
@Documented
@Constraint(validatedBy = IdentifierField.Validator.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface IdentifierField {
    String message() default "at least one of client_id_field, yclid_field, user_id_field is required";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Validator implements ConstraintValidator<IdentifierField, CrmSettings> {
        @Override
        public boolean isValid(CrmSettings settings, ConstraintValidatorContext context) {
            if (settings == null || settings.getClientIdField() != null || settings.getYclidField() != null
                    || settings.getUserIdField() != null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
                    .addPropertyNode("clientIdField").addConstraintViolation();
            return false;
        }
    }
}
