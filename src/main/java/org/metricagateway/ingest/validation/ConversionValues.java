package org.metricagateway.ingest.validation;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Parsing rules for conversion fields, shared by the validators (is it valid?) and the normaliser (what is it?),
 * so that the two can never disagree.
 */
public final class ConversionValues {
    public static final BigInteger MAX_UNSIGNED_64 = new BigInteger("18446744073709551615");
    public static final BigDecimal MAX_PRICE = new BigDecimal("999999999999.9999");
    public static final int MAX_PRICE_SCALE = 4;
    /** Unix seconds beyond this (year 5138) are almost certainly milliseconds. */
    public static final long MAX_PLAUSIBLE_UNIX_SECONDS = 99_999_999_999L;

    private static final int MAX_UNSIGNED_64_DIGITS = 20;
    /** Digits that always fit in a long, so that parsing them needs no BigInteger. */
    private static final int LONG_SAFE_DIGITS = 18;
    private static final int MAX_UNIX_SECONDS_DIGITS = 19;
    private static final int MAX_PRICE_INTEGER_DIGITS = 13;
    private static final Set<String> CURRENCIES = Currency.getAvailableCurrencies().stream()
            .map(Currency::getCurrencyCode).collect(Collectors.toUnmodifiableSet());

    // The checks below scan characters instead of matching regular expressions: they run several times for every
    // conversion of every request, and java.util.regex was the largest single cost of validation (JFR).

    private ConversionValues() {
    }

    public static Optional<BigInteger> unsigned64(String raw) {
        String value = raw.trim();
        if (!isDigits(value, 0, value.length()) || value.length() > MAX_UNSIGNED_64_DIGITS) {
            return Optional.empty();
        }
        if (value.length() <= LONG_SAFE_DIGITS) {
            return Optional.of(BigInteger.valueOf(Long.parseLong(value)));
        }
        BigInteger parsed = new BigInteger(value);
        return parsed.compareTo(MAX_UNSIGNED_64) > 0 ? Optional.empty() : Optional.of(parsed);
    }

    /** ISO-8601 with an offset ({@code 2026-11-20T10:15:30+03:00}, {@code ...Z}) or whole Unix seconds. */
    public static Optional<Instant> eventTime(String raw) {
        String value = raw.trim();
        if (isUnixSeconds(value)) {
            long seconds = value.length() > LONG_SAFE_DIGITS ? Long.MAX_VALUE : Long.parseLong(value);
            return seconds > MAX_PLAUSIBLE_UNIX_SECONDS ? Optional.empty() : Optional.of(Instant.ofEpochSecond(seconds));
        }
        try {
            return Optional.of(OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    public static boolean looksLikeMilliseconds(String raw) {
        String value = raw.trim();
        return isUnixSeconds(value)
                && (value.length() > LONG_SAFE_DIGITS || Long.parseLong(value) > MAX_PLAUSIBLE_UNIX_SECONDS);
    }

    public static Optional<BigDecimal> price(String raw) {
        String value = raw.trim();
        if (!isDecimal(value)) {
            return Optional.empty();
        }
        BigDecimal parsed = new BigDecimal(value);
        if (parsed.scale() > MAX_PRICE_SCALE || parsed.compareTo(MAX_PRICE) > 0) {
            return Optional.empty();
        }
        return Optional.of(parsed);
    }

    public static Optional<String> currency(String raw) {
        String code = raw.trim().toUpperCase(Locale.ROOT);
        return code.length() == 3 && CURRENCIES.contains(code) ? Optional.of(code) : Optional.empty();
    }

    public static boolean isCleanText(String raw, int maxLength) {
        String value = raw.trim();
        if (value.isEmpty() || value.length() > maxLength) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isUnixSeconds(String value) {
        return value.length() <= MAX_UNIX_SECONDS_DIGITS && isDigits(value, 0, value.length());
    }

    /** 1 to 13 digits, optionally a point and at least one more digit. */
    private static boolean isDecimal(String value) {
        int point = value.indexOf('.');
        int integerDigits = point < 0 ? value.length() : point;
        if (integerDigits > MAX_PRICE_INTEGER_DIGITS || !isDigits(value, 0, integerDigits)) {
            return false;
        }
        return point < 0 || isDigits(value, point + 1, value.length());
    }

    /** At least one character, all of them ASCII digits (Character.isDigit would also take other scripts' digits). */
    private static boolean isDigits(String value, int from, int to) {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
