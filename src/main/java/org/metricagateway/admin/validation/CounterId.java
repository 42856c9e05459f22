package org.metricagateway.admin.validation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/** A Metrica counter id, sent as a JSON integer (or a string of digits). */
@Documented
@Constraint(validatedBy = CounterIdValidator.class)
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
public @interface CounterId {
    String message() default "must be a whole number from 1 to " + WebhookValues.MAX_COUNTER_ID;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
