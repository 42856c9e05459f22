package org.metricagateway.admin;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import jakarta.validation.constraints.NotNull;
import org.metricagateway.adapters.AdapterCatalog;
import org.metricagateway.admin.validation.CidrBlocks;
import org.metricagateway.admin.validation.CounterId;
import org.metricagateway.admin.validation.NoUnknownFields;
import org.metricagateway.admin.validation.WebhookValues;
import org.metricagateway.ingest.ScalarAsText;
import org.metricagateway.ingest.validation.Text;

/**
 * The body of {@code POST /api/webhooks}. Values stay as sent (text for scalars) so that every invalid field can be
 * reported at once; {@link WebhookColumns} turns a valid one into the stored form.
 */
@NoUnknownFields
public final class NewWebhook extends WebhookAdapterFields {
    @NotNull(message = "is required")
    @Text(max = WebhookValues.MAX_NAME_LENGTH)
    @JsonDeserialize(using = ScalarAsText.class)
    private String name;

    @NotNull(message = "is required")
    @CounterId
    @JsonDeserialize(using = ScalarAsText.class)
    private String counterId;

    @Text(max = WebhookValues.MAX_TARGET_LENGTH)
    @JsonDeserialize(using = ScalarAsText.class)
    private String defaultTarget;

    @CidrBlocks
    private List<String> allowedIps;

    public NewWebhook() {
        setFormat(AdapterCatalog.CANONICAL);
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getCounterId() {
        return counterId;
    }

    public void setCounterId(String counterId) {
        this.counterId = counterId;
    }

    public String getDefaultTarget() {
        return defaultTarget;
    }

    public void setDefaultTarget(String defaultTarget) {
        this.defaultTarget = defaultTarget;
    }

    public List<String> getAllowedIps() {
        return allowedIps;
    }

    public void setAllowedIps(List<String> allowedIps) {
        this.allowedIps = allowedIps;
    }

    @Override
    public String formatToCheck() {
        return getFormat();
    }

    @Override
    public JsonNode settingsToCheck() {
        return getSettings();
    }

    @Override
    public String toString() {
        return "NewWebhook";
    }
}
