package org.metricagateway.admin;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.metricagateway.web.ApiException;

/** Builds {@link ConversionView}s and pages of them from the rows the SQL steps of admin-conversions.yaml select. */
public final class ConversionViews {

    /**
     * The answer of the list call. {@code next_after} is always present: the id to pass as {@code after} for the
     * next page, or null on the last page.
     */
    public record ConversionPage(List<ConversionView> conversions,
                                 @JsonInclude(JsonInclude.Include.ALWAYS) Long nextAfter) {
    }

    public ConversionView one(List<Map<String, Object>> rows) {
        if (rows.isEmpty()) {
            throw ApiException.notFound("Conversion");
        }
        return view(rows.get(0));
    }

    /** The rows hold up to limit + 1 conversions; the extra one only says that there is a next page. */
    public ConversionPage page(List<Map<String, Object>> rows, ConversionQuery query) {
        boolean more = rows.size() > query.limit();
        List<ConversionView> conversions = rows.stream().limit(query.limit()).map(ConversionViews::view).toList();
        return new ConversionPage(conversions, more ? conversions.get(conversions.size() - 1).id() : null);
    }

    private static ConversionView view(Map<String, Object> row) {
        return new ConversionView(
                ((Number) row.get("id")).longValue(),
                (UUID) row.get("webhook_id"),
                ((Number) row.get("counter_id")).longValue(),
                (String) row.get("status"),
                RowValues.longValue(row.get("batch_id")),
                (String) row.get("external_id"),
                RowValues.decimal(row.get("client_id")),
                (String) row.get("user_id"),
                RowValues.decimal(row.get("yclid")),
                (String) row.get("purchase_id"),
                (String) row.get("target"),
                RowValues.instant(row.get("event_time")),
                RowValues.decimal(row.get("price")),
                (String) row.get("currency"),
                RowValues.longValue(row.get("request_id")),
                RowValues.instant(row.get("received_at")),
                RowValues.instant(row.get("updated_at")));
    }
}
