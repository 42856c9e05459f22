package org.metricagateway.ingest.validation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/** Unknown fields are reported (each by name) rather than ignored: a misspelt client_id must not go unnoticed. */
@Documented
@Constraint(validatedBy = KnownFieldsValidator.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface KnownFields {
    String message() default "is not a known field";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
