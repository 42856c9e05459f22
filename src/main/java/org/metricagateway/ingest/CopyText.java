package org.metricagateway.ingest;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Rows in PostgreSQL's COPY text format: tab-separated fields, one row a line, {@code \N} for NULL, backslash
 * escapes. Written straight as UTF-8 bytes: COPY's special characters are all ASCII, and no byte of a multi-byte
 * UTF-8 sequence is ASCII, so they can be escaped on the encoded bytes. (Built as a String first, the text of a
 * group of thousands of rows was copied twice more before reaching the driver, in the writer thread that holds the
 * group's transaction open.)
 */
final class CopyText {
    /** Room reserved per row: above what a conversion's fields take in practice (ids, a uuid, a date, short strings). */
    private static final int BYTES_PER_ROW = 256;
    private static final byte[] NULL = {'\\', 'N'};

    private byte[] bytes;
    private int length;
    private boolean rowStarted;

    CopyText(int rows) {
        bytes = new byte[Math.max(1, rows) * BYTES_PER_ROW];
    }

    CopyText field(long value) {
        return field(Long.toString(value));
    }

    CopyText field(String value) {
        separate();
        if (value == null) {
            put(NULL);
            return this;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        if (!needsEscape(utf8)) {
            put(utf8);
            return this;
        }
        // Worst case: every byte escaped.
        reserve(utf8.length * 2);
        for (byte b : utf8) {
            switch (b) {
                case '\\' -> escaped((byte) '\\');
                case '\t' -> escaped((byte) 't');
                case '\n' -> escaped((byte) 'n');
                case '\r' -> escaped((byte) 'r');
                default -> bytes[length++] = b;
            }
        }
        return this;
    }

    /** Fields written by {@link #fields}, appended as they are. */
    CopyText encoded(byte[] fields) {
        separate();
        put(fields);
        return this;
    }

    /** Some fields of a row, tab-separated and escaped, to be appended to a row later with {@link #encoded}. */
    static byte[] fields(String... values) {
        CopyText text = new CopyText(1);
        for (String value : values) {
            text.field(value);
        }
        return Arrays.copyOf(text.bytes, text.length);
    }

    void endRow() {
        reserve(1);
        bytes[length++] = '\n';
        rowStarted = false;
    }

    InputStream stream() {
        return new ByteArrayInputStream(bytes, 0, length);
    }

    private static boolean needsEscape(byte[] utf8) {
        for (byte b : utf8) {
            if (b == '\\' || b == '\t' || b == '\n' || b == '\r') {
                return true;
            }
        }
        return false;
    }

    private void escaped(byte code) {
        bytes[length++] = '\\';
        bytes[length++] = code;
    }

    private void separate() {
        if (rowStarted) {
            reserve(1);
            bytes[length++] = '\t';
        }
        rowStarted = true;
    }

    private void put(byte[] source) {
        reserve(source.length);
        System.arraycopy(source, 0, bytes, length, source.length);
        length += source.length;
    }

    private void reserve(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
