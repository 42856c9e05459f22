package org.metricagateway.ingest.validation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/** A free-text identifier: optional, but when present non-blank, bounded, and safe to put in a CSV cell. */
@Documented
@Constraint(validatedBy = TextValidator.class)
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Text {
    String message() default "must be a non-blank string of at most {max} characters without control characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    int max();
}
