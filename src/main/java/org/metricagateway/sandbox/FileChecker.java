package org.metricagateway.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Steps 6 to 8 of the upload pipeline: read the CSV, check the header (Target, DateTime, an identifier column, the
 * one {@code client_id_type} demands), then validate every row. The upload's {@code client_id_type} is the
 * parameter's, else that of the file's only identifier column (none when it has several).
 */
final class FileChecker {
    private final SandboxSwitches switches;

    FileChecker(SandboxSwitches switches) {
        this.switches = switches;
    }

    CheckedFile check(String text, Optional<IdentifierType> demanded, Instant now) {
        CsvTable table = CsvFileReader.read(text);
        ColumnMapping columns = ColumnMapping.of(table.header());
        List<IdentifierType> idColumns = columns.identifierTypes();
        boolean headerComplete = columns.has(Column.TARGET) && columns.has(Column.DATE_TIME) && !idColumns.isEmpty()
                && demanded.map(type -> columns.has(type.column())).orElse(true)
                && !(switches.rejectUnknownColumns() && columns.hasUnknownColumns());
        if (!headerComplete) {
            throw MetricaError.invalidDataAt(table.headerLine());
        }
        RowValidator validator = new RowValidator(columns, now.plus(switches.futureTolerance()));
        List<Conversion> conversions = new ArrayList<>();
        for (List<String> row : table.rows()) {
            Conversion conversion = validator.validate(row);
            if (conversion != null) {
                conversions.add(conversion);
            }
        }
        Optional<IdentifierType> clientIdType = demanded.isPresent() ? demanded
                : idColumns.size() == 1 ? Optional.of(idColumns.get(0)) : Optional.empty();
        return new CheckedFile(table.rows().size(), conversions, clientIdType);
    }
}
