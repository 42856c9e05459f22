package org.metricagateway.admin;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
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
public final class WebhookChanges extends AdminRequest {
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

    @Override
    public String toString() {
        return "WebhookChanges";
    }
}
