package org.metricagateway.sandbox;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each known column is in a file: headers normalised ({@link HeaderNames}), any order; a repeated column counts
 * at its first position; columns Metrica does not know are kept aside (ignored unless a switch refuses them).
 */
final class ColumnMapping {
    private final List<String> names;
    private final Map<Column, Integer> positions = new EnumMap<>(Column.class);

    private ColumnMapping(List<String> names) {
        this.names = names;
        for (int i = 0; i < names.size(); i++) {
            int position = i;
            Column.byHeader(names.get(i)).ifPresent(column -> positions.putIfAbsent(column, position));
        }
    }

    static ColumnMapping of(List<String> header) {
        return new ColumnMapping(header.stream().map(HeaderNames::normalise).toList());
    }

    int size() {
        return names.size();
    }

    boolean has(Column column) {
        return positions.containsKey(column);
    }

    boolean hasUnknownColumns() {
        return names.stream().anyMatch(name -> Column.byHeader(name).isEmpty());
    }

    List<IdentifierType> identifierTypes() {
        return Arrays.stream(IdentifierType.values()).filter(type -> has(type.column())).toList();
    }

    /** The row keyed by normalised header names, unknown columns included, for what tests read back. */
    Map<String, String> asMap(List<String> row) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < Math.min(names.size(), row.size()); i++) {
            values.putIfAbsent(names.get(i), row.get(i));
        }
        return values;
    }

    /** The column's value in this row, or null when the row does not reach it or the value is blank. */
    String valueOrNull(Column column, List<String> row) {
        Integer position = positions.get(column);
        if (position == null || position >= row.size() || row.get(position).isEmpty()) {
            return null;
        }
        return row.get(position);
    }
}
