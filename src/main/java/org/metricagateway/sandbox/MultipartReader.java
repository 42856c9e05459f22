package org.metricagateway.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerFileUpload;
import io.vertx.core.http.HttpServerRequest;

/**
 * Reads an upload request's body with Vert.x's multipart decoder (nothing touches the disk) and keeps the first part
 * named {@code file}, up to the size limit: past it, bytes are read and dropped so the client still gets its 400.
 * A {@code file} part without a filename arrives as a form field and is accepted too (as its UTF-8 text).
 */
final class MultipartReader {
    private static final String MULTIPART = "multipart/form-data";
    private static final String BOUNDARY = "boundary=";

    private final long maxBytes;
    private Buffer content;
    private String fileName;
    private String contentType;
    private boolean seen;
    private boolean tooLarge;

    private MultipartReader(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    static Future<UploadBody> read(HttpServerRequest request, long maxBytes) {
        Promise<UploadBody> result = Promise.promise();
        request.exceptionHandler(e -> result.tryComplete(UploadBody.of(UploadBody.Kind.NOT_MULTIPART)));
        if (!isMultipart(request.getHeader(HttpHeaders.CONTENT_TYPE))) {
            request.handler(ignored -> { });
            request.endHandler(v -> result.tryComplete(UploadBody.of(UploadBody.Kind.NOT_MULTIPART)));
            return result.future();
        }
        MultipartReader reader = new MultipartReader(maxBytes);
        request.setExpectMultipart(true);
        request.uploadHandler(reader::offer);
        request.endHandler(v -> result.tryComplete(reader.body(request.getFormAttribute(UploadBody.FILE_PART))));
        return result.future();
    }

    private static boolean isMultipart(String contentType) {
        if (contentType == null) {
            return false;
        }
        String value = contentType.toLowerCase(Locale.ROOT);
        return value.startsWith(MULTIPART) && value.contains(BOUNDARY);
    }

    private void offer(HttpServerFileUpload upload) {
        if (seen || !UploadBody.FILE_PART.equals(upload.name())) {
            upload.handler(ignored -> { });
            return;
        }
        seen = true;
        fileName = upload.filename();
        contentType = upload.contentType();
        content = Buffer.buffer();
        upload.handler(this::append);
    }

    private void append(Buffer chunk) {
        if (tooLarge) {
            return;
        }
        if (content.length() + (long) chunk.length() > maxBytes) {
            tooLarge = true;
            content = null;
        } else {
            content.appendBuffer(chunk);
        }
    }

    private UploadBody body(String fileField) {
        if (!seen && fileField != null) {
            seen = true;
            content = Buffer.buffer(fileField.getBytes(StandardCharsets.UTF_8));
            tooLarge = content.length() > maxBytes;
        }
        if (!seen) {
            return UploadBody.of(UploadBody.Kind.NO_FILE_PART);
        }
        return tooLarge ? UploadBody.of(UploadBody.Kind.TOO_LARGE)
                : UploadBody.file(content.getBytes(), fileName, contentType);
    }
}
