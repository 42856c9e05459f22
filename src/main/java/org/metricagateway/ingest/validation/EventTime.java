package org.metricagateway.ingest.validation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/** date_time: parseable, not in the future beyond the clock skew, not older than Metrica's attribution window. */
@Documented
@Constraint(validatedBy = EventTimeValidator.class)
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
public @interface EventTime {
    String message() default "must be an ISO-8601 date-time with an offset or Unix seconds";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
