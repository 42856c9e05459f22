package org.metricagateway.admin;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.metricagateway.web.ApiException;

/** Builds {@link Bitrix24FetchView}s from the rows the SQL steps of routes/admin-bitrix24-fetches.yaml select. */
public final class Bitrix24FetchViews {

    /** The answer of the list call; {@code next_after} is null on the last page. */
    public record FetchPage(List<Bitrix24FetchView> fetches,
                            @JsonInclude(JsonInclude.Include.ALWAYS) Long nextAfter) {
    }

    /** The rows hold up to limit + 1 fetches; the extra one only says that there is a next page. */
    public FetchPage page(List<Map<String, Object>> rows, FetchQuery query) {
        boolean more = rows.size() > query.limit();
        List<Bitrix24FetchView> fetches = rows.stream().limit(query.limit()).map(Bitrix24FetchViews::view).toList();
        return new FetchPage(fetches, more ? fetches.get(fetches.size() - 1).id() : null);
    }

    /** The answer of the retry call: the fetch, pending again; 404 unknown, 409 not failed. */
    public Bitrix24FetchView retried(List<Map<String, Object>> reopened, long fetchId,
                                     List<Map<String, Object>> existing) {
        if (!reopened.isEmpty()) {
            return view(reopened.get(0));
        }
        if (existing.isEmpty()) {
            throw ApiException.notFound("Bitrix24 fetch");
        }
        throw new ApiException(409, "not_retryable", "Only a failed fetch can be tried again; fetch " + fetchId
                + " is " + existing.get(0).get("status"));
    }

    private static Bitrix24FetchView view(Map<String, Object> row) {
        String status = (String) row.get("status");
        return new Bitrix24FetchView(
                ((Number) row.get("id")).longValue(),
                (UUID) row.get("webhook_id"),
                RowValues.longValue(row.get("request_id")),
                ((Number) row.get("deal_id")).longValue(),
                (String) row.get("event"),
                status,
                ((Number) row.get("attempts")).intValue(),
                // Only a pending fetch is due; in the other states the column is a leftover.
                "pending".equals(status) ? RowValues.instant(row.get("next_attempt_at")) : null,
                RowValues.instant(row.get("last_attempt_at")),
                (String) row.get("stage_id"),
                RowValues.longValue(row.get("conversion_id")),
                (String) row.get("last_error_type"),
                (String) row.get("last_error_message"),
                RowValues.instant(row.get("created_at")),
                RowValues.instant(row.get("updated_at")),
                RowValues.instant(row.get("finished_at")));
    }
}
