package org.metricagateway.sandbox;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The status endpoint (one upload of this counter, else 404 not_found) and the list endpoint (this counter's uploads
 * of one type, newest first, after {@code offset}, at most {@code limit}).
 */
final class ReadHandler {
    static final String LIMIT = "limit";
    static final String OFFSET = "offset";
    static final int DEFAULT_LIMIT = 10_000;

    private final Lifecycle lifecycle;
    private final SandboxSwitches switches;

    ReadHandler(Lifecycle lifecycle, SandboxSwitches switches) {
        this.lifecycle = lifecycle;
        this.switches = switches;
    }

    Reply one(Call call, long counterId) {
        String rawId = call.request().uploadingId().orElseThrow();
        long id = NumberParameter.parseLong(rawId, "id");
        UploadingState state = lifecycle.find(id).filter(s -> s.counterId() == counterId)
                .orElseThrow(() -> MetricaError.notFound(id));
        return Reply.ok(SandboxJson.uploadingAnswer(state, switches.leaveOutOptionalFields()));
    }

    Reply list(Call call, long counterId) {
        Map<String, String> query = call.request().query();
        UploadingType type = UploadingType.fromParameter(query.get(UploadingType.PARAMETER));
        int limit = NumberParameter.nonNegative(query, LIMIT, DEFAULT_LIMIT);
        int offset = NumberParameter.nonNegative(query, OFFSET, 0);
        List<UploadingState> page = lifecycle.all().stream()
                .filter(s -> s.counterId() == counterId && s.type().equals(type.name()))
                .skip(offset).limit(limit).toList();
        ObjectNode body = SandboxJson.object();
        ArrayNode uploadings = body.putArray("uploadings");
        page.forEach(state -> uploadings.add(SandboxJson.uploading(state, switches.leaveOutOptionalFields())));
        return Reply.ok(body);
    }
}
