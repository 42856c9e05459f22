package org.metricagateway.sandbox;

import java.util.Arrays;
import java.util.Optional;

/**
 * The visitor identifiers a conversion can carry. The wire name is what {@code client_id_type} takes and what the
 * uploading object reports; PurchaseId is not a documented parameter value, so it is never accepted as one.
 */
public enum IdentifierType {
    CLIENT_ID(Column.CLIENT_ID, true, true),
    USER_ID(Column.USER_ID, false, true),
    YCLID(Column.YCLID, true, true),
    PURCHASE_ID(Column.PURCHASE_ID, false, false);

    private final Column column;
    private final boolean numeric;
    private final boolean parameterValue;

    IdentifierType(Column column, boolean numeric, boolean parameterValue) {
        this.column = column;
        this.numeric = numeric;
        this.parameterValue = parameterValue;
    }

    Column column() {
        return column;
    }

    /** ClientId and Yclid are unsigned 64-bit decimals; UserId and PurchaseId are any non-blank text. */
    boolean numeric() {
        return numeric;
    }

    static Optional<IdentifierType> ofParameter(String value) {
        return Arrays.stream(values()).filter(t -> t.parameterValue && t.name().equals(value)).findFirst();
    }

    static Optional<IdentifierType> ofColumn(Column column) {
        return Arrays.stream(values()).filter(t -> t.column == column).findFirst();
    }
}
