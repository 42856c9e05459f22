package org.metricagateway.ingest.validation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/** A Metrica ClientId or Yclid: an unsigned 64-bit decimal integer, as a JSON string or number. */
@Documented
@Constraint(validatedBy = UnsignedInteger64Validator.class)
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
public @interface UnsignedInteger64 {
    String message() default "must be an unsigned decimal integer from 0 to 18446744073709551615";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
