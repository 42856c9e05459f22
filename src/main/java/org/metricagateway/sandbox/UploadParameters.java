package org.metricagateway.sandbox;

import java.util.Map;
import java.util.Optional;

/** The query parameters of an upload, checked as Metrica checks them (step 4 of the pipeline). */
record UploadParameters(Optional<IdentifierType> clientIdType, UploadingType type, Optional<String> comment,
                        boolean ignoreJoinWindow) {
    static final String CLIENT_ID_TYPE = "client_id_type";
    static final String COMMENT = "comment";
    static final String IGNORE_JOIN_WINDOW = "ignore_visit_join_threshold";
    private static final String YES = "1";

    static UploadParameters parse(Map<String, String> query) {
        String idType = query.get(CLIENT_ID_TYPE);
        Optional<IdentifierType> clientIdType = idType == null ? Optional.empty()
                : Optional.of(IdentifierType.ofParameter(idType)
                        .orElseThrow(() -> MetricaError.wrongParameter(CLIENT_ID_TYPE)));
        UploadingType type = UploadingType.fromParameter(query.get(UploadingType.PARAMETER));
        Optional<String> comment = Optional.ofNullable(query.get(COMMENT)).filter(c -> !c.isEmpty());
        comment.ifPresent(CommentRule::check);
        return new UploadParameters(clientIdType, type, comment, YES.equals(query.get(IGNORE_JOIN_WINDOW)));
    }
}
