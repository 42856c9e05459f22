package org.metricagateway.admin;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A JSON body of the admin API before validation. Fields the model does not declare are kept by name, so that a
 * misspelt field is reported ({@link org.metricagateway.admin.validation.NoUnknownFields}) instead of ignored.
 */
public abstract class AdminRequest {
    @JsonIgnore
    private final Set<String> unknownFields = new LinkedHashSet<>();

    @JsonAnySetter
    void unknownField(String name, Object ignoredValue) {
        unknownFields.add(name);
    }

    @JsonIgnore
    public Set<String> getUnknownFields() {
        return Collections.unmodifiableSet(unknownFields);
    }
}
