package org.metricagateway.admin;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.ValidatorFactory;
import org.apache.camel.Exchange;
import org.metricagateway.ingest.ConversionBatch;
import org.metricagateway.ingest.ConversionInput;
import org.metricagateway.ingest.NewConversion;
import org.metricagateway.ingest.WebhookAuthenticator;
import org.metricagateway.metrica.CsvRow;
import org.metricagateway.metrica.IdentifierColumns;
import org.metricagateway.metrica.MetricaCsv;
import org.metricagateway.web.ApiException;
import org.metricagateway.web.Violation;
import org.metricagateway.web.ViolationMapper;
import org.metricagateway.webhooks.Webhook;
import org.metricagateway.webhooks.WebhookDirectory;

/**
 * {@code POST /api/webhooks/{id}/preview}: what ingest would make of a sample payload, computed by the same adapter,
 * reader and validator, without storing or sending anything. Valid conversions are shown as the CSV lines Metrica
 * would receive, written by the upload's own {@link MetricaCsv}: one file per set of identifier columns, as batches
 * are formed.
 */
public final class WebhookPreviews {
    private final WebhookDirectory webhooks;
    private final ValidatorFactory validators;

    public WebhookPreviews(WebhookDirectory webhooks, ValidatorFactory validators) {
        this.webhooks = webhooks;
        this.validators = validators;
    }

    /**
     * The answer: the canonical conversions (after the webhook's default_target), how many events the adapter
     * ignored, every violation, and per identifier set the CSV of the valid conversions.
     */
    public record Preview(List<ConversionInput> conversions,
                          @JsonInclude(JsonInclude.Include.ALWAYS) Integer ignored,
                          List<Violation> violations,
                          Map<String, String> csv) {
    }

    /** Makes the webhook (active or not) the exchange's, as ingest's authentication does; 404 when unknown. */
    public void useWebhook(Exchange exchange, String webhookId) throws SQLException {
        UUID id = new AdminPathIds().webhookId(webhookId);
        Webhook webhook = webhooks.load(id).orElseThrow(() -> ApiException.notFound("Webhook"));
        WebhookAuthenticator.use(exchange, webhook);
    }

    public Preview preview(ConversionBatch batch) {
        List<Violation> violations = ViolationMapper.fromConstraints(validators.getValidator().validate(batch));
        Set<Integer> invalid = new HashSet<>();
        violations.forEach(v -> invalid.add(v.index()));
        Map<String, List<CsvRow>> groups = new LinkedHashMap<>();
        for (int i = 0; i < batch.conversions().size(); i++) {
            if (invalid.contains(i)) {
                continue;
            }
            NewConversion c = NewConversion.from(batch.conversions().get(i));
            groups.computeIfAbsent(c.identifierColumns(), k -> new ArrayList<>()).add(new CsvRow(c.clientId(),
                    c.userId(), c.yclid(), c.purchaseId(), c.target(), c.eventTime(), c.price(), c.currency()));
        }
        Map<String, String> csv = new LinkedHashMap<>();
        groups.forEach((columns, rows) -> csv.put(columns, new String(
                MetricaCsv.write(IdentifierColumns.parse(columns), rows), StandardCharsets.UTF_8)));
        return new Preview(batch.conversions(), batch.ignored() == null ? 0 : batch.ignored(), violations, csv);
    }
}
