package org.metricagateway.metrica;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Writes a batch as the CSV Metrica's offline-conversions upload takes (shared/metrica-api.md, section 3): a
 * header, comma separators, {@code \n} line ends, UTF-8 without BOM, Unix seconds, dot decimals. A field is quoted
 * exactly when it contains a quote, a comma, CR or LF, with inner quotes doubled: the rule of Yandex's own
 * serializer. (A CSV library's "minimal" mode quotes more than that, so this small writer is ours.) Price and
 * Currency columns are left out when no row has a price.
 */
public final class MetricaCsv {
    private MetricaCsv() {
    }

    public static byte[] write(List<IdentifierColumns> identifiers, List<CsvRow> rows) {
        boolean withPrice = rows.stream().anyMatch(row -> row.price() != null);
        StringBuilder csv = new StringBuilder(rows.size() * 64);
        List<String> header = new ArrayList<>();
        identifiers.forEach(column -> header.add(column.header()));
        header.add("Target");
        header.add("DateTime");
        if (withPrice) {
            header.add("Price");
            header.add("Currency");
        }
        line(csv, header);
        for (CsvRow row : rows) {
            List<String> fields = new ArrayList<>(header.size());
            identifiers.forEach(column -> fields.add(Objects.toString(column.valueOf(row), "")));
            fields.add(row.target());
            fields.add(Long.toString(row.eventTime().getEpochSecond()));
            if (withPrice) {
                fields.add(row.price() == null ? "" : plain(row.price()));
                fields.add(row.price() == null ? "" : row.currency());
            }
            line(csv, fields);
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String plain(BigDecimal price) {
        return price.stripTrailingZeros().toPlainString();
    }

    private static void line(StringBuilder csv, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            field(csv, fields.get(i));
        }
        csv.append('\n');
    }

    private static void field(StringBuilder csv, String value) {
        boolean quote = value.indexOf('"') >= 0 || value.indexOf(',') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0;
        if (!quote) {
            csv.append(value);
            return;
        }
        csv.append('"').append(value.replace("\"", "\"\"")).append('"');
    }
}
