package org.metricagateway.sandbox;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Currency;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Metrica's row rules at upload (section 4.2 of the API notes): a row is kept when it has every header field, at
 * least one well-formed identifier, a Target and a DateTime in Unix seconds (fraction allowed) that is positive and
 * not in the future. A bad Price only loses the price; a Currency that is not ISO 4217 loses price and currency.
 * <p>
 * Values are checked with character scans, not regular expressions: the sandbox checks every row of every upload
 * on the same cores as the gateway in the benchmarks, and its cost there is not the gateway's.
 */
final class RowValidator {
    static final BigInteger MAX_UNSIGNED_64 = BigInteger.ONE.shiftLeft(Long.SIZE).subtract(BigInteger.ONE);
    private static final Set<String> CURRENCIES = Currency.getAvailableCurrencies().stream()
            .map(Currency::getCurrencyCode).collect(Collectors.toUnmodifiableSet());

    private final ColumnMapping columns;
    private final List<IdentifierType> identifierTypes;
    private final BigDecimal latestDateTime;

    /** {@code latest}: the sandbox's now plus the allowed future tolerance. */
    RowValidator(ColumnMapping columns, Instant latest) {
        this.columns = columns;
        this.identifierTypes = columns.identifierTypes();
        this.latestDateTime = UnixSeconds.of(latest);
    }

    /** The row's conversion, or null when Metrica would not keep the row. */
    Conversion validate(List<String> row) {
        if (row.size() < columns.size()) {
            return null;
        }
        Map<IdentifierType, String> identifiers = identifiers(row);
        String target = columns.valueOrNull(Column.TARGET, row);
        BigDecimal dateTime = dateTime(columns.valueOrNull(Column.DATE_TIME, row));
        if (identifiers.isEmpty() || target == null || dateTime == null) {
            return null;
        }
        String priceText = columns.valueOrNull(Column.PRICE, row);
        Optional<BigDecimal> price = isUnsignedDecimal(priceText) ? Optional.of(new BigDecimal(priceText))
                : Optional.empty();
        Optional<String> currency = Optional.ofNullable(columns.valueOrNull(Column.CURRENCY, row))
                .map(c -> c.toUpperCase(Locale.ROOT));
        if (currency.isPresent() && !CURRENCIES.contains(currency.get())) {
            price = Optional.empty();
            currency = Optional.empty();
        }
        return new Conversion(identifiers, target, dateTime, price, currency);
    }

    private Map<IdentifierType, String> identifiers(List<String> row) {
        Map<IdentifierType, String> identifiers = new EnumMap<>(IdentifierType.class);
        for (IdentifierType type : identifierTypes) {
            String value = columns.valueOrNull(type.column(), row);
            if (value != null && (!type.numeric() || isUnsigned64(value))) {
                identifiers.put(type, value);
            }
        }
        return identifiers;
    }

    private BigDecimal dateTime(String value) {
        if (!isUnsignedDecimal(value)) {
            return null;
        }
        BigDecimal seconds = new BigDecimal(value);
        return seconds.signum() > 0 && seconds.compareTo(latestDateTime) <= 0 ? seconds : null;
    }

    /** Digits only (at least one), in the unsigned 64-bit range. */
    static boolean isUnsigned64(String value) {
        if (!isDigits(value, 0, value.length())) {
            return false;
        }
        // Up to 19 digits always fit; 20 may not.
        return value.length() < 20 || new BigInteger(value).compareTo(MAX_UNSIGNED_64) <= 0;
    }

    /** Digits, optionally followed by a point and digits: what {@code \d+(\.\d+)?} matches, in ASCII. */
    static boolean isUnsignedDecimal(String value) {
        if (value == null) {
            return false;
        }
        int point = value.indexOf('.');
        return point < 0 ? isDigits(value, 0, value.length())
                : isDigits(value, 0, point) && isDigits(value, point + 1, value.length());
    }

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
