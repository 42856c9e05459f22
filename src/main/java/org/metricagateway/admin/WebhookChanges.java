package org.metricagateway.admin;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import org.metricagateway.admin.validation.CidrBlocks;
import org.metricagateway.admin.validation.NoUnknownFields;
import org.metricagateway.admin.validation.WebhookValues;
import org.metricagateway.ingest.ScalarAsText;
import org.metricagateway.ingest.validation.Text;

/**
 * The body of {@code PATCH /api/webhooks/{id}}: only the fields sent are changed. {@code default_target: null}
 * clears the default target; the other fields cannot be null (a JSON null is a type error for them). The counter
 * is fixed for the life of a webhook: its conversions and batches are tied to it.
 */
@NoUnknownFields(unchangeable = "counter_id")
public final class WebhookChanges extends WebhookAdapterFields {
    @Text(max = WebhookValues.MAX_NAME_LENGTH)
    @JsonDeserialize(using = ScalarAsText.class)
    @JsonSetter(nulls = Nulls.FAIL)
    private String name;

    @JsonSetter(nulls = Nulls.FAIL)
    private Boolean active;

    @CidrBlocks
    @JsonSetter(nulls = Nulls.FAIL)
    private List<String> allowedIps;

    @Text(max = WebhookValues.MAX_TARGET_LENGTH)
    @JsonDeserialize(using = ScalarAsText.class)
    private String defaultTarget;

    @JsonIgnore
    private boolean defaultTargetSent;

    /** What the webhook has now, when it exists: a change of one of format and settings is checked with the other. */
    @JsonIgnore
    private String storedFormat;

    @JsonIgnore
    private JsonNode storedSettings;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public Boolean getActive() {
        return active;
    }

    public void setActive(Boolean active) {
        this.active = active;
    }

    public List<String> getAllowedIps() {
        return allowedIps;
    }

    public void setAllowedIps(List<String> allowedIps) {
        this.allowedIps = allowedIps;
    }

    public String getDefaultTarget() {
        return defaultTarget;
    }

    /** Called by Jackson for an explicit null too: that is what tells "clear it" from "leave it". */
    public void setDefaultTarget(String defaultTarget) {
        this.defaultTarget = defaultTarget;
        this.defaultTargetSent = true;
    }

    @JsonIgnore
    public boolean isDefaultTargetSent() {
        return defaultTargetSent;
    }

    /** Called by the update route before validation with what the webhook has now (nulls: no such webhook). */
    public WebhookChanges withStored(String format, JsonNode settings) {
        this.storedFormat = format;
        this.storedSettings = settings;
        return this;
    }

    /**
     * Only when format or settings are sent. For an unknown webhook, settings sent without a format cannot be
     * judged: the update answers 404.
     */
    @Override
    public String formatToCheck() {
        if (getFormat() == null && getSettings() == null) {
            return null;
        }
        return getFormat() != null ? getFormat() : storedFormat;
    }

    @Override
    public JsonNode settingsToCheck() {
        return getSettings() != null ? getSettings() : storedSettings;
    }

    @Override
    public String toString() {
        return "WebhookChanges";
    }
}
