package org.metricagateway.sandbox;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An uploaded file after Metrica's checks: every data row as read, the valid ones, and the upload's ID type. */
record CheckedFile(List<Map<String, String>> rows, List<Conversion> conversions,
                   Optional<IdentifierType> clientIdType) {
    CheckedFile {
        rows = List.copyOf(rows);
        conversions = List.copyOf(conversions);
    }

    int sourceQuantity() {
        return rows.size();
    }

    int lineQuantity() {
        return conversions.size();
    }
}
