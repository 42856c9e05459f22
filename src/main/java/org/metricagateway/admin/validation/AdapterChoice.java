package org.metricagateway.admin.validation;

import com.fasterxml.jackson.databind.JsonNode;

/** An admin request that sets a webhook's format and adapter settings, checked by {@link AdapterSettings}. */
public interface AdapterChoice {
    /** The format the webhook will have; null when the request changes neither format nor settings. */
    String formatToCheck();

    /** The settings the webhook will have (null: none, that is {}). */
    JsonNode settingsToCheck();
}
