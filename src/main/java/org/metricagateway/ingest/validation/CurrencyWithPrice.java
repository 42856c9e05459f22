package org.metricagateway.ingest.validation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/** A price means nothing without its currency. */
@Documented
@Constraint(validatedBy = CurrencyWithPriceValidator.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface CurrencyWithPrice {
    String message() default "is required when price is given";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
