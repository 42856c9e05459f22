package org.metricagateway.adapters;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import org.metricagateway.ingest.validation.ConversionValues;

/**
 * status_targets: 1 to {@value #MAX_STATUSES} statuses, each a non-blank text mapped to a goal identifier with the
 * rules of a conversion's target. Messages never repeat the offending status (it is client data).
 */
@Documented
@Constraint(validatedBy = StatusTargets.Validator.class)
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
public @interface StatusTargets {
    /** A pipeline has tens of statuses; a thousand covers every pipeline of a large account. */
    int MAX_STATUSES = 1000;

    String message() default "must map 1 to " + MAX_STATUSES + " statuses (non-blank, at most "
            + CrmSettings.MAX_TEXT_LENGTH + " characters, no control characters) to goal identifiers (the same"
            + " rule)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Validator implements ConstraintValidator<StatusTargets, Map<String, String>> {
        @Override
        public boolean isValid(Map<String, String> targets, ConstraintValidatorContext context) {
            if (targets == null) {
                return true;
            }
            if (targets.isEmpty() || targets.size() > MAX_STATUSES) {
                return false;
            }
            return targets.entrySet().stream().allMatch(e ->
                    ConversionValues.isCleanText(e.getKey(), CrmSettings.MAX_TEXT_LENGTH)
                            && e.getValue() != null
                            && ConversionValues.isCleanText(e.getValue(), CrmSettings.MAX_TEXT_LENGTH));
        }
    }
}
