package org.metricagateway.sandbox;

import java.util.Arrays;
import java.util.Optional;

/** The CSV columns Metrica knows, by their normalised header name (see {@link HeaderNames}). */
enum Column {
    CLIENT_ID("clientid"),
    USER_ID("userid"),
    YCLID("yclid"),
    PURCHASE_ID("purchaseid"),
    TARGET("target"),
    DATE_TIME("datetime"),
    PRICE("price"),
    CURRENCY("currency");

    private final String header;

    Column(String header) {
        this.header = header;
    }

    String header() {
        return header;
    }

    static Optional<Column> byHeader(String normalisedHeader) {
        return Arrays.stream(values()).filter(c -> c.header.equals(normalisedHeader)).findFirst();
    }
}
