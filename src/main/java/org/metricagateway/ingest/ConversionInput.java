package org.metricagateway.ingest;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import jakarta.validation.constraints.NotNull;
import org.metricagateway.ingest.validation.CurrencyCode;
import org.metricagateway.ingest.validation.CurrencyWithPrice;
import org.metricagateway.ingest.validation.EventTime;
import org.metricagateway.ingest.validation.HasIdentifier;
import org.metricagateway.ingest.validation.KnownFields;
import org.metricagateway.ingest.validation.Price;
import org.metricagateway.ingest.validation.Text;
import org.metricagateway.ingest.validation.UnsignedInteger64;

/**
 * One conversion as a CRM sends it (snake_case JSON), before validation. Values stay text so that a client id sent
 * as a JSON number or as a string is judged the same way, and every invalid field can be reported at once.
 */
@HasIdentifier
@CurrencyWithPrice
@KnownFields
public final class ConversionInput {
    static final int MAX_TEXT_LENGTH = 255;

    @UnsignedInteger64
    @JsonDeserialize(using = ScalarAsText.class)
    private String clientId;

    @Text(max = MAX_TEXT_LENGTH)
    @JsonDeserialize(using = ScalarAsText.class)
    private String userId;

    @UnsignedInteger64
    @JsonDeserialize(using = ScalarAsText.class)
    private String yclid;

    @Text(max = MAX_TEXT_LENGTH)
    @JsonDeserialize(using = ScalarAsText.class)
    private String purchaseId;

    @NotNull(message = "is required (or set the webhook's default_target)")
    @Text(max = MAX_TEXT_LENGTH)
    @JsonDeserialize(using = ScalarAsText.class)
    private String target;

    @NotNull(message = "is required")
    @EventTime
    @JsonDeserialize(using = ScalarAsText.class)
    private String dateTime;

    @Price
    @JsonDeserialize(using = ScalarAsText.class)
    private String price;

    @CurrencyCode
    @JsonDeserialize(using = ScalarAsText.class)
    private String currency;

    @Text(max = MAX_TEXT_LENGTH)
    @JsonDeserialize(using = ScalarAsText.class)
    private String externalId;

    @JsonIgnore
    private final Map<String, Object> unknownFields = new LinkedHashMap<>();

    @JsonAnySetter
    void unknownField(String name, Object value) {
        unknownFields.put(name, value);
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public String getUserId() {
        return userId;
    }

    public void setUserId(String userId) {
        this.userId = userId;
    }

    public String getYclid() {
        return yclid;
    }

    public void setYclid(String yclid) {
        this.yclid = yclid;
    }

    public String getPurchaseId() {
        return purchaseId;
    }

    public void setPurchaseId(String purchaseId) {
        this.purchaseId = purchaseId;
    }

    public String getTarget() {
        return target;
    }

    public void setTarget(String target) {
        this.target = target;
    }

    public String getDateTime() {
        return dateTime;
    }

    public void setDateTime(String dateTime) {
        this.dateTime = dateTime;
    }

    public String getPrice() {
        return price;
    }

    public void setPrice(String price) {
        this.price = price;
    }

    public String getCurrency() {
        return currency;
    }

    public void setCurrency(String currency) {
        this.currency = currency;
    }

    public String getExternalId() {
        return externalId;
    }

    public void setExternalId(String externalId) {
        this.externalId = externalId;
    }

    @JsonIgnore
    public Map<String, Object> getUnknownFields() {
        return unknownFields;
    }

    /** Deliberately no field values: toString() output can reach logs, and these are customer identifiers. */
    @Override
    public String toString() {
        return "ConversionInput";
    }
}
