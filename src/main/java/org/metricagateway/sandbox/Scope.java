package org.metricagateway.sandbox;

/** The OAuth scopes Metrica checks for offline conversions. */
public enum Scope {
    /** Uploads of offline data (conversions, calls, CRM). */
    OFFLINE_DATA("metrika:offline_data"),
    /** Every write, uploads included. */
    WRITE("metrika:write"),
    /** Reading, enough for the status and list endpoints. */
    READ("metrika:read");

    private final String wireName;

    Scope(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
