package org.metricagateway.adapters;

import jakarta.validation.constraints.NotNull;

/**
 * RetailCRM's settings: the CRM settings, with the account's time zone required, since RetailCRM writes times
 * without an offset ("2026-11-20 10:15:30", in the account's zone).
 */
public final class RetailCrmSettings extends CrmSettings {

    @Override
    @NotNull(message = "is required: RetailCRM sends times without an offset")
    public String getTimeZone() {
        return super.getTimeZone();
    }
}
