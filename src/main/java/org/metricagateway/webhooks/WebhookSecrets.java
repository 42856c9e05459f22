package org.metricagateway.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Webhook secrets: 32 random bytes, URL-safe Base64 (43 characters). Only their SHA-256 is stored. A slow password
 * hash is not needed: the secret has 256 bits of entropy, so it cannot be guessed from its hash, and checking it on
 * every ingest request must stay cheap.
 */
public final class WebhookSecrets {
    private static final int SECRET_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSecrets() {
    }

    public static String generate() {
        byte[] bytes = new byte[SECRET_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static byte[] hash(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    /** Constant-time comparison of a presented secret with a stored hash. */
    public static boolean matches(String presented, byte[] storedHash) {
        return storedHash != null && MessageDigest.isEqual(hash(presented), storedHash);
    }
}
