package org.metricagateway.metrica;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;

/** One conversion as it goes into Metrica's CSV. */
public record CsvRow(
        BigInteger clientId,
        String userId,
        BigInteger yclid,
        String purchaseId,
        String target,
        Instant eventTime,
        BigDecimal price,
        String currency) {

    @Override
    public String toString() {
        return "CsvRow";
    }
}
