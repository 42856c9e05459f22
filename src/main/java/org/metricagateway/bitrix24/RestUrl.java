package org.metricagateway.bitrix24;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import org.metricagateway.adapters.Adapter;

/**
 * rest_url: an absolute https URL with a host and a path, no query, fragment or user info. Plain http is accepted
 * only to a loopback address (a test portal, a local TLS-terminating proxy): the URL carries Bitrix24's access
 * token, which must not cross a network in clear. The message never repeats the value.
 */
@Documented
@Constraint(validatedBy = RestUrl.Validator.class)
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
public @interface RestUrl {
    String message() default "must be an absolute https URL such as https://example.bitrix24.ru/rest/1/abc123/"
            + " (http only to a loopback address)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Validator implements ConstraintValidator<RestUrl, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            URI uri;
            try {
                uri = new URI(value.trim());
            } catch (URISyntaxException e) {
                return false;
            }
            if (!uri.isAbsolute() || uri.getHost() == null || uri.getRawQuery() != null
                    || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                return false;
            }
            if (uri.getRawPath() != null && uri.getRawPath().endsWith("/" + Adapter.MASK)) {
                // The masked form of a GET, sent back in a PATCH: storing it would break every fetch.
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate("is the masked URL the API shows; send the full URL"
                        + " of the Bitrix24 inbound webhook").addConstraintViolation();
                return false;
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            return scheme.equals("https") || (scheme.equals("http") && isLoopback(uri.getHost()));
        }

        private static boolean isLoopback(String host) {
            // Literal addresses only: a host name (even localhost) would be resolved, and could resolve elsewhere.
            if (!host.matches("[0-9.]+|\\[[0-9a-fA-F:]+]")) {
                return false;
            }
            try {
                return InetAddress.getByName(host.replace("[", "").replace("]", "")).isLoopbackAddress();
            } catch (java.net.UnknownHostException e) {
                return false;
            }
        }
    }
}
