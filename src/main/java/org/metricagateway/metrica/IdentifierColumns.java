package org.metricagateway.metrica;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The identifier columns a conversion fills (ClientId, UserId, Yclid, PurchaseId, in that order). Batches group
 * conversions with the same set, so that a CSV header never gives a column a meaning some rows do not share.
 */
public enum IdentifierColumns {
    CLIENT_ID("ClientId", "CLIENT_ID"),
    USER_ID("UserId", "USER_ID"),
    YCLID("Yclid", "YCLID"),
    /** Metrica documents no client_id_type value for PurchaseId. */
    PURCHASE_ID("PurchaseId", null);

    private final String header;
    private final String clientIdType;

    IdentifierColumns(String header, String clientIdType) {
        this.header = header;
        this.clientIdType = clientIdType;
    }

    public String header() {
        return header;
    }

    /** The upload's client_id_type parameter when a file has only this column (section 8 of the API reference). */
    public Optional<String> clientIdType() {
        return Optional.ofNullable(clientIdType);
    }

    /** The set as stored in webhook_batches.identifier_columns, e.g. "ClientId,Yclid". */
    public static String key(CsvRow row) {
        return key(row.clientId(), row.userId(), row.yclid(), row.purchaseId());
    }

    public static String key(Object clientId, Object userId, Object yclid, Object purchaseId) {
        Object[] values = {clientId, userId, yclid, purchaseId};
        List<String> present = new ArrayList<>(values.length);
        for (IdentifierColumns column : values()) {
            if (values[column.ordinal()] != null) {
                present.add(column.header);
            }
        }
        return String.join(",", present);
    }

    public static List<IdentifierColumns> parse(String key) {
        return Arrays.stream(key.split(",")).map(IdentifierColumns::byHeader).toList();
    }

    private static IdentifierColumns byHeader(String header) {
        for (IdentifierColumns column : values()) {
            if (column.header.equals(header)) {
                return column;
            }
        }
        throw new IllegalArgumentException("Unknown identifier column: " + header);
    }

    Object valueOf(CsvRow row) {
        return switch (this) {
            case CLIENT_ID -> row.clientId();
            case USER_ID -> row.userId();
            case YCLID -> row.yclid();
            case PURCHASE_ID -> row.purchaseId();
        };
    }
}
