package org.metricagateway.admin.validation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * The format is a known adapter (built-in, or a loaded custom adapter route) and the settings suit it: every
 * problem is one violation, named {@code format} or {@code settings.<field>}. Needs the adapter catalog, so it is
 * validated with the admin ValidatorFactory ({@link AdminValidatorFactory}).
 */
@Documented
@Constraint(validatedBy = AdapterSettingsValidator.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface AdapterSettings {
    String message() default "is not a known format";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
