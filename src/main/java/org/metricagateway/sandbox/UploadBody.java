package org.metricagateway.sandbox;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** What the body of an upload request held, as far as the HTTP layer could tell (step 5 of the pipeline). */
record UploadBody(Kind kind, byte[] content, String fileName, String contentType) {
    static final String FILE_PART = "file";

    enum Kind { NOT_MULTIPART, NO_FILE_PART, TOO_LARGE, FILE }

    static UploadBody of(Kind kind) {
        return new UploadBody(kind, null, null, null);
    }

    static UploadBody file(byte[] content, String fileName, String contentType) {
        return new UploadBody(Kind.FILE, content, fileName, contentType);
    }

    /** The file as UTF-8 text, or the 400 Metrica gives for this body. */
    String text(long maxBytes) {
        switch (kind) {
            case NOT_MULTIPART -> throw MetricaError.invalidParameter("Некорректный формат multipart запроса.");
            case NO_FILE_PART -> throw MetricaError.missingParameter("Не найден параметр запроса.");
            case TOO_LARGE -> throw tooLarge(maxBytes);
            default -> {
                if (content.length > maxBytes) {
                    throw tooLarge(maxBytes);
                }
                return utf8(content);
            }
        }
    }

    private static MetricaError tooLarge(long maxBytes) {
        return MetricaError.invalidUploading("Размер файла превышает допустимый (" + maxBytes + " байт)");
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw MetricaError.invalidUploading("Файл должен быть в кодировке UTF-8");
        }
    }
}
