package org.metricagateway.ingest;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;

import org.metricagateway.ingest.validation.ConversionValues;
import org.metricagateway.metrica.IdentifierColumns;

/** A validated conversion in its stored form: trimmed text, canonical numbers, event time in whole seconds. */
public record NewConversion(
        String externalId,
        BigInteger clientId,
        String userId,
        BigInteger yclid,
        String purchaseId,
        String target,
        Instant eventTime,
        BigDecimal price,
        String currency) {

    /** Only called after bean validation passed, so every parse succeeds. */
    public static NewConversion from(ConversionInput input) {
        return new NewConversion(
                trim(input.getExternalId()),
                input.getClientId() == null ? null : ConversionValues.unsigned64(input.getClientId()).orElseThrow(),
                trim(input.getUserId()),
                input.getYclid() == null ? null : ConversionValues.unsigned64(input.getYclid()).orElseThrow(),
                trim(input.getPurchaseId()),
                trim(input.getTarget()),
                ConversionValues.eventTime(input.getDateTime()).orElseThrow(),
                input.getPrice() == null ? null : ConversionValues.price(input.getPrice()).orElseThrow(),
                input.getCurrency() == null ? null : ConversionValues.currency(input.getCurrency()).orElseThrow());
    }

    /** Which CSV identifier columns this conversion fills, e.g. "ClientId,Yclid". */
    public String identifierColumns() {
        return IdentifierColumns.key(clientId, userId, yclid, purchaseId);
    }

    private static String trim(String value) {
        return value == null ? null : value.trim();
    }

    @Override
    public String toString() {
        return "NewConversion";
    }
}
