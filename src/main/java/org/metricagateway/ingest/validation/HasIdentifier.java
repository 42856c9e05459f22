package org.metricagateway.ingest.validation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/** Metrica links a conversion to a visit through one of these identifiers; without any it can never link. */
@Documented
@Constraint(validatedBy = HasIdentifierValidator.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface HasIdentifier {
    String message() default "at least one of client_id, user_id, yclid, purchase_id is required";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
