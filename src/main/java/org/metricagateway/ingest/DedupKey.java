package org.metricagateway.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What makes two conversions of one webhook the same: the CRM's external_id when given, else the identifiers,
 * target and event time (to the second). Hashed into a fixed-size key for the unique index: the first 128 bits of
 * SHA-256 (a collision among a billion conversions of one webhook has a probability near 10^-21; the smaller key
 * keeps the index small). Fields are joined with NUL, which validated text cannot contain, so different field
 * splits never collide.
 */
public final class DedupKey {
    private static final int KEY_BYTES = 16;
    // MessageDigest.getInstance looks the provider up on every call; a digest per thread is reused instead (it
    // resets itself after each digest()).
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(DedupKey::newDigest);

    private DedupKey() {
    }

    public static String of(NewConversion c) {
        String canonical = c.externalId() != null
                ? "external\0" + c.externalId()
                : String.join("\0", "identity",
                        text(c.clientId()), text(c.userId()), text(c.yclid()), text(c.purchaseId()),
                        c.target(), Long.toString(c.eventTime().getEpochSecond()));
        return HexFormat.of().formatHex(sha256(canonical), 0, KEY_BYTES);
    }

    private static String text(Object value) {
        return Objects.toString(value, "");
    }

    private static byte[] sha256(String value) {
        return SHA_256.get().digest(value.getBytes(StandardCharsets.UTF_8));
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
