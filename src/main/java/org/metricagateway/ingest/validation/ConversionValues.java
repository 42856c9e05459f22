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
import java.util.regex.Pattern;
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

    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,20}");
    private static final Pattern UNIX_SECONDS = Pattern.compile("[0-9]{1,19}");
    private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,13}(\\.[0-9]+)?");
    private static final Set<String> CURRENCIES = Currency.getAvailableCurrencies().stream()
            .map(Currency::getCurrencyCode).collect(Collectors.toUnmodifiableSet());

    private ConversionValues() {
    }

    public static Optional<BigInteger> unsigned64(String raw) {
        String value = raw.trim();
        if (!DIGITS.matcher(value).matches()) {
            return Optional.empty();
        }
        BigInteger parsed = new BigInteger(value);
        return parsed.compareTo(MAX_UNSIGNED_64) > 0 ? Optional.empty() : Optional.of(parsed);
    }

    /** ISO-8601 with an offset ({@code 2026-11-20T10:15:30+03:00}, {@code ...Z}) or whole Unix seconds. */
    public static Optional<Instant> eventTime(String raw) {
        String value = raw.trim();
        if (UNIX_SECONDS.matcher(value).matches()) {
            long seconds = Long.parseLong(value);
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
        return UNIX_SECONDS.matcher(value).matches() && Long.parseLong(value) > MAX_PLAUSIBLE_UNIX_SECONDS;
    }

    public static Optional<BigDecimal> price(String raw) {
        String value = raw.trim();
        if (!DECIMAL.matcher(value).matches()) {
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
        return !value.isEmpty() && value.length() <= maxLength && value.chars().noneMatch(Character::isISOControl);
    }
}
