package org.metricagateway.bitrix24;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import jakarta.validation.constraints.NotNull;
import org.metricagateway.adapters.CrmSettings;
import org.metricagateway.ingest.ScalarAsText;

/**
 * A Bitrix24 webhook's settings: those of every CRM adapter (status_targets keyed by the deal's STAGE_ID, which
 * already names its pipeline, such as {@code C1:WON}; the deal fields that hold the identifiers; the price field,
 * the deal's OPPORTUNITY when absent; the currency used when a deal has no CURRENCY_ID), plus {@code rest_url}:
 * the portal's inbound REST webhook (crm scope) through which deals are read. That URL embeds Bitrix24's own
 * access token: it is never logged, and the admin API shows it masked (Adapter.shownSettings).
 */
public final class Bitrix24Settings extends CrmSettings {
    public static final String REST_URL_FIELD = "rest_url";
    /** The deal's amount, used when price_field names no other field. */
    static final String DEFAULT_PRICE_FIELD = "OPPORTUNITY";

    @NotNull(message = "is required: the URL of a Bitrix24 inbound webhook with the crm scope")
    @RestUrl
    @JsonDeserialize(using = ScalarAsText.class)
    private String restUrl;

    public String getRestUrl() {
        return restUrl;
    }

    public void setRestUrl(String restUrl) {
        this.restUrl = restUrl;
    }

    /** {@code crm.deal.get.json} under the REST URL, with or without its trailing slash. */
    @JsonIgnore
    public String dealGetUrl() {
        String base = restUrl.trim();
        return (base.endsWith("/") ? base : base + "/") + "crm.deal.get.json";
    }
}
