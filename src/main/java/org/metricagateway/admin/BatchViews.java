package org.metricagateway.admin;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.metricagateway.web.ApiException;

/** Builds {@link BatchView}s and pages of them from the rows the SQL steps of admin-batches.yaml select. */
public final class BatchViews {

    /** {@code next_after}: the id to pass as {@code after} for the next page, or null on the last page. */
    public record BatchPage(List<BatchView> batches, @JsonInclude(JsonInclude.Include.ALWAYS) Long nextAfter) {
    }

    /** The answer of the resume call. */
    public record CounterResume(long counterId, boolean wasPaused) {
    }

    public Map<String, Boolean> flushed() {
        return Map.of("flushed", true);
    }

    public CounterResume resumed(long counterId, List<Map<String, Object>> deleted) {
        return new CounterResume(counterId, !deleted.isEmpty());
    }

    public BatchView one(List<Map<String, Object>> rows) {
        if (rows.isEmpty()) {
            throw ApiException.notFound("Batch");
        }
        return view(rows.get(0));
    }

    public BatchPage page(List<Map<String, Object>> rows, BatchQuery query) {
        boolean more = rows.size() > query.limit();
        List<BatchView> batches = rows.stream().limit(query.limit()).map(BatchViews::view).toList();
        return new BatchPage(batches, more ? batches.get(batches.size() - 1).id() : null);
    }

    /** The retry call changed nothing: the batch is missing, or not failed. */
    public BatchView retried(List<Map<String, Object>> rows, Long batchId, List<Map<String, Object>> existing) {
        if (!rows.isEmpty()) {
            return view(rows.get(0));
        }
        if (existing.isEmpty()) {
            throw ApiException.notFound("Batch");
        }
        throw new ApiException(409, "not_retryable", "Only a failed batch can be sent again; batch " + batchId
                + " is " + existing.get(0).get("status"));
    }

    private static BatchView view(Map<String, Object> row) {
        return new BatchView(
                ((Number) row.get("id")).longValue(),
                ((Number) row.get("counter_id")).longValue(),
                (String) row.get("identifier_columns"),
                (String) row.get("status"),
                ((Number) row.get("conversion_count")).intValue(),
                (String) row.get("upload_comment"),
                RowValues.longValue(row.get("metrica_upload_id")),
                (String) row.get("metrica_status"),
                integer(row.get("source_quantity")),
                integer(row.get("line_quantity")),
                integer(row.get("linked_quantity")),
                integer(row.get("user_not_found_quantity")),
                integer(row.get("goal_not_found_quantity")),
                ((Number) row.get("attempts")).intValue(),
                (String) row.get("last_error_type"),
                (String) row.get("last_error_message"),
                RowValues.instant(row.get("next_attempt_at")),
                RowValues.instant(row.get("next_poll_at")),
                RowValues.instant(row.get("created_at")),
                RowValues.instant(row.get("updated_at")),
                RowValues.instant(row.get("uploaded_at")),
                RowValues.instant(row.get("finished_at")));
    }

    private static Integer integer(Object number) {
        return number == null ? null : ((Number) number).intValue();
    }
}
