package org.metricagateway.sandbox;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Metrica's header matching: case-insensitive and blind to everything but word characters, so {@code " UserId "},
 * {@code Date Time}, {@code 'Price'} and {@code [Target]} all name known columns (and a UTF-8 BOM disappears).
 */
final class HeaderNames {
    private static final Pattern NON_WORD = Pattern.compile("\\W+");

    private HeaderNames() {
    }

    static String normalise(String header) {
        return NON_WORD.matcher(header.toLowerCase(Locale.ROOT)).replaceAll("");
    }
}
