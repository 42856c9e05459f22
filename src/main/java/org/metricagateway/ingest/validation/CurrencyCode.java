package org.metricagateway.ingest.validation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/** currency: a three-letter ISO 4217 code known to the JRE. */
@Documented
@Constraint(validatedBy = CurrencyCodeValidator.class)
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
public @interface CurrencyCode {
    String message() default "must be an ISO 4217 currency code such as RUB or USD";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
