package org.metricagateway.admin.validation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * Every field of an admin request body the model does not declare is a violation named by the field: "is not a
 * known field", or "cannot be changed" for the fields listed in {@link #unchangeable()}.
 */
@Documented
@Constraint(validatedBy = NoUnknownFieldsValidator.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface NoUnknownFields {
    String message() default "is not a known field";

    /** JSON names of fields that exist but may not be sent here. */
    String[] unchangeable() default {};

    String unchangeableMessage() default "cannot be changed";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
