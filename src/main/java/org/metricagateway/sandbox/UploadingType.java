package org.metricagateway.sandbox;

import java.util.Arrays;
import java.util.Optional;

/** The {@code type} of an upload (2025 docs): ordinary offline conversions, calls or chats. */
enum UploadingType {
    BASIC, CALLS, CHATS;

    static final String PARAMETER = "type";

    /** The type a request asks for: absent means BASIC; anything else but the three names is a 400. */
    static UploadingType fromParameter(String value) {
        if (value == null) {
            return BASIC;
        }
        Optional<UploadingType> type = Arrays.stream(values()).filter(t -> t.name().equals(value)).findFirst();
        return type.orElseThrow(() -> MetricaError.wrongParameter(PARAMETER));
    }
}
