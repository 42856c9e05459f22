package org.metricagateway.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.metricagateway.support.TestGateway;

/**
 * The rules webhook_conversions still enforces itself (V9 kept them: a breach would make a stored conversion wrong,
 * whatever wrote it), checked by writing rows directly, past the gateway's own validation.
 */
class ConversionConstraintsTest {
    private static final String ROW = """
            INSERT INTO webhook_conversions (webhook_id, counter_id, dedup_key, client_id, target, event_time, price,
                                             currency)
            VALUES (gen_random_uuid(), 1, gen_random_uuid(), %s, 'goal', now(), %s, %s)""";

    @ParameterizedTest(name = "client_id {0}, price {1}, currency {2}: {3}")
    @CsvSource(nullValues = "NULL", value = {
        "1, 10, rub, webhook_conversions_currency_check",
        "1, 10, RUBL, webhook_conversions_currency_check",
        "1, -1, RUB, webhook_conversions_price_check",
        "1, 10, NULL, webhook_conversions_check1",
        "NULL, 10, RUB, webhook_conversions_check",
    })
    void aRowBreakingAKeptRuleIsRefused(String clientId, String price, String currency, String constraint)
            throws SQLException {
        try (Connection connection = TestGateway.get().connection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            try {
                assertThatThrownBy(() -> statement.executeUpdate(ROW.formatted(clientId, price, text(currency))))
                        .isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23514"))
                        .hasMessageContaining(constraint);
            } finally {
                connection.rollback();
            }
        }
    }

    @ParameterizedTest(name = "price {0}, currency {1}")
    @CsvSource(nullValues = "NULL", value = {"10, RUB", "0, USD", "NULL, NULL", "NULL, EUR"})
    void aRowWithinTheRulesIsStored(String price, String currency) throws SQLException {
        try (Connection connection = TestGateway.get().connection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            try {
                assertThat(statement.executeUpdate(ROW.formatted("1", price, text(currency)))).isEqualTo(1);
            } finally {
                connection.rollback();
            }
        }
    }

    private static String text(String value) {
        return value == null ? "NULL" : "'" + value + "'";
    }
}
