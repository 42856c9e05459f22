package org.metricagateway.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;

/**
 * What makes two conversions of one webhook the same: the CRM's external_id when given, else the identifiers,
 * target and event time (to the second). Fields are joined with NUL, which validated text cannot contain, so
 * different field splits never collide.
 * <p>
 * The key is one 128-bit value, unique across webhooks, so that the unique index has a single fixed-size column
 * (a uuid): the first 128 bits of SHA-256 over the webhook id's 16 bytes followed by the content key, itself the
 * first 128 bits of SHA-256 over those fields. The two steps keep the keys stored before V10 reachable: V10
 * computed each stored row's new key in SQL from its webhook id and its old key, which was the content key. A
 * collision among a billion conversions has a probability near 10^-21.
 */
public final class DedupKey {
    private static final int KEY_BYTES = 16;
    // MessageDigest.getInstance looks the provider up on every call; a digest per thread is reused instead (it
    // resets itself after each digest()).
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(DedupKey::newDigest);

    private DedupKey() {
    }

    /** The key as 32 hex digits, a form PostgreSQL reads as a uuid. */
    public static String of(UUID webhookId, NewConversion c) {
        // The content key first: it uses (and resets) the same per-thread digest.
        byte[] content = contentKey(c);
        MessageDigest digest = SHA_256.get();
        digest.update(ByteBuffer.allocate(2 * Long.BYTES)
                .putLong(webhookId.getMostSignificantBits()).putLong(webhookId.getLeastSignificantBits()).array());
        digest.update(content);
        return HexFormat.of().formatHex(digest.digest(), 0, KEY_BYTES);
    }

    /** The key of the conversion's fields alone: what webhook_conversions.dedup_key held before V10. */
    static byte[] contentKey(NewConversion c) {
        String canonical = c.externalId() != null
                ? "external\0" + c.externalId()
                : String.join("\0", "identity",
                        text(c.clientId()), text(c.userId()), text(c.yclid()), text(c.purchaseId()),
                        c.target(), Long.toString(c.eventTime().getEpochSecond()));
        return Arrays.copyOf(SHA_256.get().digest(canonical.getBytes(StandardCharsets.UTF_8)), KEY_BYTES);
    }

    private static String text(Object value) {
        return Objects.toString(value, "");
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
