package org.metricagateway.metrica;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.core5.http.ContentType;

/**
 * Prepares the message for each Metrica call (section 2 of the API reference): method, path, query and body, for
 * the route that sends it through the gate ({@code direct:metrica-request}).
 */
public final class MetricaRequests {
    private static final String COUNTER_PATH = "/management/v1/counter/%d/offline_conversions/";
    // The batch's ids first (its bundles' arrays), then the rows through the primary key: written as a join, the
    // planner could hash the whole conversions table when its statistics lag behind (seen: 380 ms instead of 22 ms).
    private static final String ROWS = """
            SELECT client_id, user_id, yclid, purchase_id, target, event_time, price, currency
              FROM webhook_conversions
             WHERE id = ANY (ARRAY(SELECT unnest(conversion_ids) FROM conversion_bundles WHERE batch_id = ?))
             ORDER BY id""";

    private final DataSource dataSource;

    public MetricaRequests(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** POST upload: the batch's CSV as the multipart part "file"; the comment identifies the batch. */
    public void upload(Exchange exchange, @ExchangeProperty(UploadBatch.PROPERTY) UploadBatch batch)
            throws SQLException {
        List<IdentifierColumns> columns = IdentifierColumns.parse(batch.identifierColumns());
        byte[] csv = MetricaCsv.write(columns, rows(batch.id()));
        StringBuilder query = new StringBuilder("type=BASIC&comment=")
                .append(URLEncoder.encode(batch.comment(), StandardCharsets.UTF_8));
        // Sent only when the file has exactly one of ClientId/UserId/Yclid (section 8, legacy-compatible).
        if (columns.size() == 1) {
            columns.get(0).clientIdType().ifPresent(type -> query.append("&client_id_type=").append(type));
        }
        prepare(exchange, batch.counterId(), "POST", "upload", query.toString());
        // The builder would add "charset=ISO-8859-1" to the content type unless it is set explicitly.
        exchange.getMessage().setBody(MultipartEntityBuilder.create()
                .setContentType(ContentType.create("multipart/form-data"))
                .addBinaryBody("file", csv, ContentType.create("text/csv", StandardCharsets.UTF_8),
                        "batch-" + batch.id() + ".csv")
                .build());
    }

    /** GET uploadings: to find an upload Metrica may have stored although its answer was lost. */
    public void listUploads(Exchange exchange, @ExchangeProperty(UploadBatch.PROPERTY) UploadBatch batch) {
        // Metrica's default page (10,000, newest first in practice) holds any upload of a batch still in flight.
        prepare(exchange, batch.counterId(), "GET", "uploadings", "type=BASIC&limit=10000");
        exchange.getMessage().setBody(null);
    }

    /** GET uploading/{id}: an upload's processing status. */
    public void status(Exchange exchange, long counterId, long uploadId) {
        prepare(exchange, counterId, "GET", "uploading/" + uploadId, null);
        exchange.getMessage().setBody(null);
    }

    private static void prepare(Exchange exchange, long counterId, String method, String path, String query) {
        var message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(MetricaGate.COUNTER_HEADER, counterId);
        message.setHeader(Exchange.HTTP_METHOD, method);
        message.setHeader(Exchange.HTTP_PATH, String.format(COUNTER_PATH, counterId) + path);
        if (query != null) {
            message.setHeader(Exchange.HTTP_QUERY, query);
        }
    }

    private List<CsvRow> rows(long batchId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(ROWS)) {
            statement.setLong(1, batchId);
            statement.setFetchSize(10_000);
            try (ResultSet rs = statement.executeQuery()) {
                List<CsvRow> rows = new ArrayList<>();
                while (rs.next()) {
                    BigDecimal clientId = rs.getBigDecimal("client_id");
                    BigDecimal yclid = rs.getBigDecimal("yclid");
                    rows.add(new CsvRow(
                            clientId == null ? null : clientId.toBigIntegerExact(),
                            rs.getString("user_id"),
                            yclid == null ? null : yclid.toBigIntegerExact(),
                            rs.getString("purchase_id"),
                            rs.getString("target"),
                            rs.getTimestamp("event_time").toInstant(),
                            rs.getBigDecimal("price"),
                            rs.getString("currency")));
                }
                return rows;
            }
        }
    }
}
