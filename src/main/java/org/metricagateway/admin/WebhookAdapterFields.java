package org.metricagateway.admin;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.node.NullNode;
import org.metricagateway.admin.validation.AdapterChoice;
import org.metricagateway.admin.validation.AdapterSettings;
import org.metricagateway.ingest.ScalarAsText;

/**
 * The adapter fields of a webhook request (create or change): {@code format}, {@code settings} (checked together
 * by {@link AdapterSettings}) and {@code secret_in_query}. A JSON null for settings means {}.
 */
@AdapterSettings
public abstract class WebhookAdapterFields extends AdminRequest implements AdapterChoice {
    @JsonDeserialize(using = ScalarAsText.class)
    @JsonSetter(nulls = Nulls.FAIL)
    private String format;

    private JsonNode settings;

    @JsonSetter(nulls = Nulls.FAIL)
    private Boolean secretInQuery;

    public String getFormat() {
        return format;
    }

    public void setFormat(String format) {
        this.format = format;
    }

    public JsonNode getSettings() {
        return settings;
    }

    public void setSettings(JsonNode settings) {
        this.settings = settings == null ? NullNode.getInstance() : settings;
    }

    public Boolean getSecretInQuery() {
        return secretInQuery;
    }

    public void setSecretInQuery(Boolean secretInQuery) {
        this.secretInQuery = secretInQuery;
    }
}
