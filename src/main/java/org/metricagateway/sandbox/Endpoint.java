package org.metricagateway.sandbox;

/** The sandbox's endpoints, as requests are counted and failures injected. */
public enum Endpoint {
    UPLOAD(Access.WRITE),
    GET_UPLOADING(Access.READ),
    LIST_UPLOADINGS(Access.READ),
    EXTENDED_THRESHOLD(Access.WRITE),
    VISIT_JOIN_THRESHOLD(Access.READ);

    private final Access access;

    Endpoint(Access access) {
        this.access = access;
    }

    Access access() {
        return access;
    }

    /** What a token must allow: writing needs metrika:offline_data or metrika:write. */
    enum Access {
        READ, WRITE
    }
}
