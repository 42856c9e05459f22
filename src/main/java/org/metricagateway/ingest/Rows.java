package org.metricagateway.ingest;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.metricagateway.ingest.ConversionWriter.PendingWrite;

/** The rows of a write group as column arrays, bound to one INSERT ... SELECT FROM unnest(...) statement. */
final class Rows {
    private final List<String> webhookIds = new ArrayList<>();
    private final List<Long> counterIds = new ArrayList<>();
    private final List<String> dedupKeys = new ArrayList<>();
    private final List<String> externalIds = new ArrayList<>();
    private final List<String> clientIds = new ArrayList<>();
    private final List<String> userIds = new ArrayList<>();
    private final List<String> yclids = new ArrayList<>();
    private final List<String> purchaseIds = new ArrayList<>();
    private final List<String> targets = new ArrayList<>();
    private final List<Long> eventTimes = new ArrayList<>();
    private final List<String> prices = new ArrayList<>();
    private final List<String> currencies = new ArrayList<>();
    private final List<Long> requestIds = new ArrayList<>();

    /** requestIds: the id of each write's webhook_requests row, in group order. */
    static Rows of(List<PendingWrite> group, List<Long> requestIds) {
        Rows rows = new Rows();
        for (int w = 0; w < group.size(); w++) {
            PendingWrite write = group.get(w);
            for (int i = 0; i < write.conversions().size(); i++) {
                rows.add(write.webhook().id().toString(), write.webhook().counterId(), write.keys().get(i),
                        write.conversions().get(i), requestIds.get(w));
            }
        }
        return rows;
    }

    static String key(String webhookId, String dedupKey) {
        return webhookId + '/' + dedupKey;
    }

    private void add(String webhookId, long counterId, String dedupKey, NewConversion c, Long requestId) {
        webhookIds.add(webhookId);
        counterIds.add(counterId);
        dedupKeys.add(dedupKey);
        externalIds.add(c.externalId());
        clientIds.add(text(c.clientId()));
        userIds.add(c.userId());
        yclids.add(text(c.yclid()));
        purchaseIds.add(c.purchaseId());
        targets.add(c.target());
        eventTimes.add(c.eventTime().getEpochSecond());
        prices.add(c.price() == null ? null : c.price().toPlainString());
        currencies.add(c.currency());
        requestIds.add(requestId);
    }

    void bind(Connection connection, PreparedStatement statement) throws SQLException {
        int p = 1;
        statement.setArray(p++, connection.createArrayOf("text", webhookIds.toArray()));
        statement.setArray(p++, connection.createArrayOf("int8", counterIds.toArray()));
        statement.setArray(p++, connection.createArrayOf("text", dedupKeys.toArray()));
        statement.setArray(p++, connection.createArrayOf("text", externalIds.toArray()));
        statement.setArray(p++, connection.createArrayOf("text", clientIds.toArray()));
        statement.setArray(p++, connection.createArrayOf("text", userIds.toArray()));
        statement.setArray(p++, connection.createArrayOf("text", yclids.toArray()));
        statement.setArray(p++, connection.createArrayOf("text", purchaseIds.toArray()));
        statement.setArray(p++, connection.createArrayOf("text", targets.toArray()));
        statement.setArray(p++, connection.createArrayOf("int8", eventTimes.toArray()));
        statement.setArray(p++, connection.createArrayOf("text", prices.toArray()));
        statement.setArray(p++, connection.createArrayOf("text", currencies.toArray()));
        statement.setArray(p, connection.createArrayOf("int8", requestIds.toArray()));
    }

    /** Positions whose (webhook, key) has no id yet: conversions the webhook had before this transaction. */
    List<Integer> positionsNotIn(Map<String, Long> ids) {
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < dedupKeys.size(); i++) {
            if (!ids.containsKey(key(webhookIds.get(i), dedupKeys.get(i)))) {
                missing.add(i);
            }
        }
        return missing;
    }

    void bindKeys(Connection connection, PreparedStatement statement, List<Integer> positions) throws SQLException {
        statement.setArray(1, connection.createArrayOf("text", positions.stream().map(webhookIds::get).toArray()));
        statement.setArray(2, connection.createArrayOf("text", positions.stream().map(dedupKeys::get).toArray()));
    }

    private static String text(BigInteger value) {
        return Objects.toString(value, null);
    }
}
