package org.metricagateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.metricagateway.support.ScratchDatabase;

/**
 * V10 rewrote every stored dedup key into the single-column form. A conversion stored before it must keep its key
 * as DedupKey computes it now, or the same conversion sent again after the upgrade would be stored twice. Checked
 * on a database of its own, migrated to V9, given rows in the old form, then migrated to the latest version.
 */
class DedupKeyUpgradeTest {
    private static final List<NewConversion> STORED_BEFORE_V10 = List.of(
            new NewConversion("deal-42", new BigInteger("18446744073709551615"), null, null, null, "won",
                    Instant.parse("2026-12-01T10:00:00Z"), new BigDecimal("1999.9"), "RUB"),
            new NewConversion(null, null, "user-7", new BigInteger("123"), "order-9", "paid",
                    Instant.parse("2026-12-02T11:30:00Z"), null, null));

    @Test
    void keysStoredBeforeV10AreTheKeysTheGatewayComputesNow() throws SQLException {
        try (ScratchDatabase database = ScratchDatabase.create("dedup_upgrade")) {
            database.migrateTo("9");
            UUID webhookId = UUID.randomUUID();
            try (Connection connection = database.connection()) {
                storeInTheV9Form(connection, webhookId);
            }
            database.migrateToLatest();
            try (Connection connection = database.connection();
                 Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery(
                         "SELECT encode(uuid_send(dedup_key), 'hex') FROM webhook_conversions ORDER BY id")) {
                for (NewConversion conversion : STORED_BEFORE_V10) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo(DedupKey.of(webhookId, conversion));
                }
            }
        }
    }

    private static void storeInTheV9Form(Connection connection, UUID webhookId) throws SQLException {
        try (PreparedStatement webhook = connection.prepareStatement(
                "INSERT INTO webhooks (id, name, counter_id, secret_hash) VALUES (?, 'before V10', 1, ?)")) {
            webhook.setObject(1, webhookId);
            webhook.setBytes(2, new byte[32]);
            webhook.executeUpdate();
        }
        try (PreparedStatement conversion = connection.prepareStatement("""
                INSERT INTO webhook_conversions (webhook_id, counter_id, dedup_key, target, event_time, user_id)
                VALUES (?, 1, ?, 'goal', now(), 'someone')""")) {
            for (NewConversion stored : STORED_BEFORE_V10) {
                conversion.setObject(1, webhookId);
                // Before V10 the column held the content key alone.
                conversion.setBytes(2, DedupKey.contentKey(stored));
                conversion.executeUpdate();
            }
        }
    }
}
