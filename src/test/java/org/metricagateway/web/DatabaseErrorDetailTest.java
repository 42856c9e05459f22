package org.metricagateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.metricagateway.support.TestGateway;

/**
 * Unexpected database failures are logged with their exception (ErrorResponder). PostgreSQL's detail would quote the
 * failing row, so the gateway's connections must leave it out: no value of a row can reach a log that way.
 */
class DatabaseErrorDetailTest {

    @Test
    void constraintViolationsDoNotQuoteTheFailingRow() throws SQLException {
        String marker = "row-value-that-must-not-be-logged";
        try (Connection connection = TestGateway.get().connection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO webhooks (id, name, counter_id, secret_hash) VALUES (gen_random_uuid(), ?, 0, ?)")) {
                insert.setString(1, marker);
                insert.setBytes(2, new byte[32]);
                assertThatThrownBy(insert::executeUpdate)
                        .isInstanceOf(SQLException.class)
                        .satisfies(failure -> assertThat(failure.toString()).doesNotContain(marker))
                        .hasMessageContaining("webhooks_counter_id_check");
            } finally {
                connection.rollback();
            }
        }
    }
}
