package org.metricagateway.admin.validation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * A list of IPv4/IPv6 CIDR blocks given by their network address. Each invalid block is its own violation, carrying
 * the block's position in the list as the violation's {@code index}.
 */
@Documented
@Constraint(validatedBy = CidrBlocksValidator.class)
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
public @interface CidrBlocks {
    String message() default "must hold at most " + WebhookValues.MAX_ALLOWED_IPS + " CIDR blocks";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
