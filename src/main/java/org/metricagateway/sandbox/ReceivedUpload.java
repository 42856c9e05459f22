package org.metricagateway.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An upload the sandbox accepted (answered 200, or stored before an injected failure), as the client sent it: for
 * tests of the sender. The token is kept only to answer {@link #authorizedWith}; it is never returned or printed.
 */
public final class ReceivedUpload {
    private final long uploadingId;
    private final long counterId;
    private final String login;
    private final Instant receivedAt;
    private final Map<String, String> query;
    private final Map<String, String> headers;
    private final Optional<String> fileName;
    private final Optional<String> partContentType;
    private final String csv;
    private final int sourceQuantity;
    private final int lineQuantity;
    private final String token;

    ReceivedUpload(StoredUploading upload, String login, SandboxRequest request, UploadBody body, String csv,
                   CheckedFile file) {
        this.uploadingId = upload.id();
        this.counterId = upload.counterId();
        this.login = login;
        this.receivedAt = upload.createTime();
        this.query = request.query();
        this.headers = request.headers();
        this.fileName = Optional.ofNullable(body.fileName());
        this.partContentType = Optional.ofNullable(body.contentType());
        this.csv = csv;
        this.sourceQuantity = file.sourceQuantity();
        this.lineQuantity = file.lineQuantity();
        this.token = Authenticator.tokenOf(request.authorization());
    }

    public long uploadingId() {
        return uploadingId;
    }

    public long counterId() {
        return counterId;
    }

    /** The Yandex login of the token used. */
    public String login() {
        return login;
    }

    /** On the sandbox clock; equals the upload's create_time. */
    public Instant receivedAt() {
        return receivedAt;
    }

    public Optional<String> comment() {
        return Optional.ofNullable(query.get(UploadParameters.COMMENT));
    }

    /** The {@code type} parameter as sent (absent means BASIC). */
    public Optional<String> typeParameter() {
        return Optional.ofNullable(query.get(UploadingType.PARAMETER));
    }

    public Optional<String> clientIdTypeParameter() {
        return Optional.ofNullable(query.get(UploadParameters.CLIENT_ID_TYPE));
    }

    /** Every query parameter (first value of each). */
    public Map<String, String> query() {
        return query;
    }

    /** Request headers by lower-case name (first value of each), without Authorization and Cookie. */
    public Map<String, String> headers() {
        return headers;
    }

    /** The filename of the {@code file} part, if it had one. */
    public Optional<String> fileName() {
        return fileName;
    }

    /** The Content-Type of the {@code file} part, if it had one. */
    public Optional<String> partContentType() {
        return partContentType;
    }

    /** The file exactly as received (decoded as UTF-8). */
    public String csv() {
        return csv;
    }

    /** Every non-blank data row, keyed by normalised header name ({@code clientid}, {@code datetime}…), trimmed. */
    public List<Map<String, String>> rows() {
        // Read again from the kept text rather than kept parsed: the sandbox retains many uploads of thousands of
        // rows in the benchmarks, and tests read rows rarely.
        CsvTable table = CsvFileReader.read(csv);
        ColumnMapping columns = ColumnMapping.of(table.header());
        return table.rows().stream().map(row -> Map.copyOf(columns.asMap(row))).toList();
    }

    public int sourceQuantity() {
        return sourceQuantity;
    }

    public int lineQuantity() {
        return lineQuantity;
    }

    /** Whether the request carried {@code Authorization: OAuth <token>} with exactly this token. */
    public boolean authorizedWith(String expectedToken) {
        return MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                expectedToken.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "ReceivedUpload[id=" + uploadingId + ", counter=" + counterId + ", login=" + login + ", comment="
                + comment().orElse("") + ", rows=" + sourceQuantity + "]";
    }
}
