package org.metricagateway.admin;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import org.metricagateway.adapters.FormBody;
import org.metricagateway.adapters.PhpFormDecoder;
import org.metricagateway.web.ApiException;
import org.metricagateway.web.JsonBodies;

/** Builds {@link RequestView}s and pages of them from the rows the SQL steps of admin-requests.yaml select. */
public final class RequestViews {

    /** The answer of the list call; {@code next_after} is always present (null on the last page). */
    public record RequestPage(List<RequestView> requests,
                              @JsonInclude(JsonInclude.Include.ALWAYS) Long nextAfter) {
    }

    public RequestView one(List<Map<String, Object>> rows) {
        if (rows.isEmpty()) {
            throw ApiException.notFound("Request");
        }
        Map<String, Object> row = rows.get(0);
        String body = (String) row.get("body");
        return view(row, body, form((String) row.get("content_type"), body, (Boolean) row.get("body_truncated")));
    }

    /** The rows hold up to limit + 1 requests; the extra one only says that there is a next page. */
    public RequestPage page(List<Map<String, Object>> rows, RequestQuery query) {
        boolean more = rows.size() > query.limit();
        List<RequestView> requests = rows.stream().limit(query.limit()).map(row -> view(row, null, null)).toList();
        return new RequestPage(requests, more ? requests.get(requests.size() - 1).id() : null);
    }

    private static RequestView view(Map<String, Object> row, String body, JsonNode form) {
        return new RequestView(
                ((Number) row.get("id")).longValue(),
                (UUID) row.get("webhook_id"),
                (String) row.get("state"),
                (String) row.get("content_type"),
                ((Number) row.get("body_size")).intValue(),
                (Boolean) row.get("body_truncated"),
                (String) row.get("correlation_id"),
                ((Number) row.get("accepted")).intValue(),
                ((Number) row.get("duplicates")).intValue(),
                ((Number) row.get("ignored")).intValue(),
                ids((String) row.get("conversion_ids")),
                RowValues.instant(row.get("received_at")),
                body,
                form);
    }

    /** A whole form body decoded as the adapter saw it: easier to read than percent-encoding. */
    private static JsonNode form(String contentType, String body, boolean truncated) {
        if (truncated || !JsonBodies.mediaType(contentType).equals(FormBody.MEDIA_TYPE)) {
            return null;
        }
        return PhpFormDecoder.decode(FormBody.parse(body));
    }

    private static List<Long> ids(String joined) {
        return joined == null || joined.isEmpty() ? List.of()
                : Arrays.stream(joined.split(",")).map(Long::valueOf).toList();
    }
}
