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
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Metrica's row rules at upload (section 4.2 of the API notes): a row is kept when it has every header field, at
 * least one well-formed identifier, a Target and a DateTime in Unix seconds (fraction allowed) that is positive and
 * not in the future. A bad Price only loses the price; a Currency that is not ISO 4217 loses price and currency.
 */
final class RowValidator {
    static final BigInteger MAX_UNSIGNED_64 = BigInteger.ONE.shiftLeft(Long.SIZE).subtract(BigInteger.ONE);
    private static final Pattern UNSIGNED_INTEGER = Pattern.compile("\\d+");
    private static final Pattern UNSIGNED_DECIMAL = Pattern.compile("\\d+(\\.\\d+)?");
    private static final Set<String> CURRENCIES = Currency.getAvailableCurrencies().stream()
            .map(Currency::getCurrencyCode).collect(Collectors.toUnmodifiableSet());

    private final ColumnMapping columns;
    private final BigDecimal latestDateTime;

    /** {@code latest}: the sandbox's now plus the allowed future tolerance. */
    RowValidator(ColumnMapping columns, Instant latest) {
        this.columns = columns;
        this.latestDateTime = UnixSeconds.of(latest);
    }

    Optional<Conversion> validate(List<String> row) {
        if (row.size() < columns.size()) {
            return Optional.empty();
        }
        Map<IdentifierType, String> identifiers = identifiers(row);
        Optional<String> target = columns.value(Column.TARGET, row);
        Optional<BigDecimal> dateTime = columns.value(Column.DATE_TIME, row).flatMap(this::dateTime);
        if (identifiers.isEmpty() || target.isEmpty() || dateTime.isEmpty()) {
            return Optional.empty();
        }
        Optional<BigDecimal> price = columns.value(Column.PRICE, row).filter(p -> UNSIGNED_DECIMAL.matcher(p).matches())
                .map(BigDecimal::new);
        Optional<String> currency = columns.value(Column.CURRENCY, row).map(c -> c.toUpperCase(Locale.ROOT));
        if (currency.isPresent() && !CURRENCIES.contains(currency.get())) {
            price = Optional.empty();
            currency = Optional.empty();
        }
        return Optional.of(new Conversion(identifiers, target.get(), dateTime.get(), price, currency));
    }

    private Map<IdentifierType, String> identifiers(List<String> row) {
        Map<IdentifierType, String> identifiers = new EnumMap<>(IdentifierType.class);
        for (IdentifierType type : columns.identifierTypes()) {
            columns.value(type.column(), row)
                    .filter(value -> !type.numeric() || isUnsigned64(value))
                    .ifPresent(value -> identifiers.put(type, value));
        }
        return identifiers;
    }

    private Optional<BigDecimal> dateTime(String value) {
        if (!UNSIGNED_DECIMAL.matcher(value).matches()) {
            return Optional.empty();
        }
        BigDecimal seconds = new BigDecimal(value);
        boolean valid = seconds.signum() > 0 && seconds.compareTo(latestDateTime) <= 0;
        return valid ? Optional.of(seconds) : Optional.empty();
    }

    private static boolean isUnsigned64(String value) {
        return UNSIGNED_INTEGER.matcher(value).matches() && new BigInteger(value).compareTo(MAX_UNSIGNED_64) <= 0;
    }
}
