package org.metricagateway.sandbox;

import java.util.List;

/** A file read as CSV: its header (and the 1-based line it is on) and its non-blank data lines, values trimmed. */
record CsvTable(List<String> header, int headerLine, List<List<String>> rows) {
    CsvTable {
        header = List.copyOf(header);
        rows = List.copyOf(rows);
    }
}
