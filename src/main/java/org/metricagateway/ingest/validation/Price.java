package org.metricagateway.ingest.validation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/** price: a non-negative decimal that fits numeric(16,4). */
@Documented
@Constraint(validatedBy = PriceValidator.class)
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Price {
    String message() default "must be a decimal number from 0 to 999999999999.9999 with at most 4 decimal places";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
