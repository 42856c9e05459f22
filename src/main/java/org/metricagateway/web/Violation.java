package org.metricagateway.web;

import java.util.Comparator;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One invalid field: {@code index} is the conversion's position in the request (absent outside lists). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Violation(Integer index, String field, String message) implements Comparable<Violation> {
    private static final Comparator<Violation> ORDER = Comparator
            .comparing(Violation::index, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Violation::field, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Violation::message, Comparator.nullsFirst(Comparator.naturalOrder()));

    @Override
    public int compareTo(Violation other) {
        return ORDER.compare(this, other);
    }
}
