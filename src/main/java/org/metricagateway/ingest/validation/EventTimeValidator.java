package org.metricagateway.ingest.validation;

import java.time.Instant;
import java.util.Optional;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Created by {@link IngestValidatorFactory}, which gives it the configured rules; the clock is the factory's. */
public final class EventTimeValidator implements ConstraintValidator<EventTime, String> {
    private final EventTimeRules rules;

    public EventTimeValidator(EventTimeRules rules) {
        this.rules = rules;
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        Optional<Instant> parsed = ConversionValues.eventTime(value);
        if (parsed.isEmpty()) {
            if (ConversionValues.looksLikeMilliseconds(value)) {
                return fail(context, "must be Unix seconds, not milliseconds");
            }
            return false;
        }
        Instant now = context.getClockProvider().getClock().instant();
        if (parsed.get().isAfter(now.plus(rules.clockSkew()))) {
            return fail(context, "is in the future (more than " + rules.clockSkew().toSeconds()
                    + " s ahead of the gateway's clock)");
        }
        if (parsed.get().isBefore(now.minus(rules.attributionWindow()))) {
            return fail(context, "is older than the " + rules.attributionWindow().toDays()
                    + "-day attribution window: Metrica cannot link it to a visit");
        }
        return true;
    }

    private static boolean fail(ConstraintValidatorContext context, String message) {
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(escape(message)).addConstraintViolation();
        return false;
    }

    private static String escape(String message) {
        return message.replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
    }
}
