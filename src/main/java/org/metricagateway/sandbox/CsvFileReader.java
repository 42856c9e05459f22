package org.metricagateway.sandbox;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads an uploaded file as RFC 4180 CSV (comma, double quotes, quotes doubled inside) with Commons CSV. A file
 * that is empty, has only a header, or has broken quoting anywhere is refused whole with Metrica's "error in line
 * N" (N 1-based). Blank lines are skipped and values trimmed, as Yandex's tests show.
 */
final class CsvFileReader {
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setIgnoreEmptyLines(true)
            .setIgnoreSurroundingSpaces(true)
            .get();
    private static final int FIRST_LINE = 1;

    private CsvFileReader() {
    }

    static CsvTable read(String text) {
        try (CSVParser parser = CSVParser.parse(new StringReader(text), FORMAT)) {
            Iterator<CSVRecord> records = parser.iterator();
            List<String> header = nextNonBlank(records, parser)
                    .orElseThrow(() -> MetricaError.invalidDataAt(FIRST_LINE));
            int headerLine = currentLine(parser);
            List<List<String>> rows = new ArrayList<>();
            for (var row = nextNonBlank(records, parser); row.isPresent(); row = nextNonBlank(records, parser)) {
                rows.add(row.get());
            }
            if (rows.isEmpty()) {
                throw MetricaError.invalidDataAt(headerLine + 1);
            }
            return new CsvTable(header, headerLine, rows);
        } catch (IOException e) {
            throw new UncheckedIOException("Reading a string cannot fail", e);
        }
    }

    private static Optional<List<String>> nextNonBlank(Iterator<CSVRecord> records, CSVParser parser) {
        try {
            while (records.hasNext()) {
                List<String> values = records.next().stream().map(String::strip).toList();
                if (!isBlankLine(values)) {
                    return Optional.of(values);
                }
            }
            return Optional.empty();
        } catch (UncheckedIOException brokenQuoting) {
            throw MetricaError.invalidDataAt(currentLine(parser));
        }
    }

    /** The line the parser stopped on: where a broken record is, or the line a just-read record ends on. */
    private static int currentLine(CSVParser parser) {
        return (int) Math.max(parser.getCurrentLineNumber(), FIRST_LINE);
    }

    /** A line of spaces or tabs only: a blank line, not a row with one empty field. */
    private static boolean isBlankLine(List<String> values) {
        return values.size() == 1 && values.get(0).isEmpty();
    }
}
