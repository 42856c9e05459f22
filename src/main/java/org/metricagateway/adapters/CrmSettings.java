package org.metricagateway.adapters;

import java.util.Map;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import jakarta.validation.constraints.NotNull;
import org.metricagateway.admin.AdminRequest;
import org.metricagateway.admin.validation.NoUnknownFields;
import org.metricagateway.ingest.ScalarAsText;
import org.metricagateway.ingest.validation.CurrencyCode;
import org.metricagateway.ingest.validation.Text;

/**
 * Settings of the built-in CRM adapters (amoCRM, RetailCRM; docs/adapters.md): which CRM field holds each
 * identifier, which status means which Metrica goal, where the price comes from, and its currency. Validated when
 * a webhook is created or changed; an adapter that needs more (a REST URL) extends this class.
 */
@NoUnknownFields
@IdentifierField
public class CrmSettings extends AdminRequest {
    public static final int MAX_TEXT_LENGTH = 255;

    /** Status (or {@code pipeline:status}) → goal identifier. Events in other statuses are ignored and counted. */
    @NotNull(message = "is required")
    @StatusTargets
    private Map<String, String> statusTargets;

    /** The CRM field (custom field id or name) that holds the visitor's Metrica ClientId. */
    @Text(max = MAX_TEXT_LENGTH)
    @JsonDeserialize(using = ScalarAsText.class)
    private String clientIdField;

    @Text(max = MAX_TEXT_LENGTH)
    @JsonDeserialize(using = ScalarAsText.class)
    private String yclidField;

    @Text(max = MAX_TEXT_LENGTH)
    @JsonDeserialize(using = ScalarAsText.class)
    private String userIdField;

    /** A custom field holding the price; absent: the entity's own price (the lead's budget, the order's total). */
    @Text(max = MAX_TEXT_LENGTH)
    @JsonDeserialize(using = ScalarAsText.class)
    private String priceField;

    /** Currency of the prices, unless the CRM sends one with the entity. */
    @NotNull(message = "is required")
    @CurrencyCode
    @JsonDeserialize(using = ScalarAsText.class)
    private String currency;

    /** The CRM account's time zone, for event times the CRM sends without an offset ("2026-11-20 10:15:30"). */
    @TimeZone
    @JsonDeserialize(using = ScalarAsText.class)
    private String timeZone;

    public Map<String, String> getStatusTargets() {
        return statusTargets;
    }

    public void setStatusTargets(Map<String, String> statusTargets) {
        this.statusTargets = statusTargets;
    }

    public String getClientIdField() {
        return clientIdField;
    }

    public void setClientIdField(String clientIdField) {
        this.clientIdField = clientIdField;
    }

    public String getYclidField() {
        return yclidField;
    }

    public void setYclidField(String yclidField) {
        this.yclidField = yclidField;
    }

    public String getUserIdField() {
        return userIdField;
    }

    public void setUserIdField(String userIdField) {
        this.userIdField = userIdField;
    }

    public String getPriceField() {
        return priceField;
    }

    public void setPriceField(String priceField) {
        this.priceField = priceField;
    }

    public String getCurrency() {
        return currency;
    }

    public void setCurrency(String currency) {
        this.currency = currency;
    }

    public String getTimeZone() {
        return timeZone;
    }

    public void setTimeZone(String timeZone) {
        this.timeZone = timeZone;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName();
    }
}
