package org.metricagateway.sandbox;

import java.util.List;
import java.util.Optional;

/** An uploaded file after Metrica's checks: how many data rows it had, the valid ones, and the upload's ID type. */
record CheckedFile(int sourceQuantity, List<Conversion> conversions, Optional<IdentifierType> clientIdType) {
    CheckedFile {
        conversions = List.copyOf(conversions);
    }

    int lineQuantity() {
        return conversions.size();
    }
}
