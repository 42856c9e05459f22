package org.metricagateway.admin;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.Optional;

import org.metricagateway.config.GatewaySettings;
import org.metricagateway.webhooks.WebhookSecrets;

/**
 * Where the admin token comes from. ADMIN_TOKEN when set. Otherwise, on the embedded default setup, a token is
 * generated on first start, printed once to the console, and only its SHA-256 is kept in the data directory
 * (delete that file and restart to get a new one). With an external database a token must be configured.
 */
public final class AdminToken {
    static final String HASH_FILE = "admin-token.sha256";

    private AdminToken() {
    }

    /** Returns the SHA-256 of the admin token. */
    public static byte[] resolve(GatewaySettings settings, PrintStream console) throws IOException {
        Optional<String> configured = settings.adminToken();
        if (configured.isPresent()) {
            return WebhookSecrets.hash(configured.get());
        }
        if (!settings.usesEmbeddedDatabase()) {
            throw new IllegalStateException(
                    "ADMIN_TOKEN must be set when an external database (DATABASE_URL) is used");
        }
        Path file = settings.dataDir().resolve(HASH_FILE);
        if (Files.exists(file)) {
            console.println("Admin API: use the token printed when " + file + " was created"
                    + " (delete that file and restart for a new one, or set ADMIN_TOKEN).");
            return HexFormat.of().parseHex(Files.readString(file, StandardCharsets.US_ASCII).trim());
        }
        String token = WebhookSecrets.generate();
        byte[] hash = WebhookSecrets.hash(token);
        Files.createDirectories(settings.dataDir());
        Files.writeString(file, HexFormat.of().formatHex(hash) + "\n", StandardCharsets.US_ASCII);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // Not a POSIX file system: the file holds only a hash anyway.
        }
        // Printed to the console, not logged: log pipelines keep what they receive.
        console.println("""

                ================================================================================
                 Generated admin token (shown only now; only its hash is stored in %s):
                   %s
                 Use it as:  Authorization: Bearer <token>
                ================================================================================
                """.formatted(file, token));
        return hash;
    }
}
