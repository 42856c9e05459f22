package org.metricagateway.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.metricagateway.support.TestGateway;

/** What every connection of the gateway's pool sets for its PostgreSQL session (Database.java). */
class SessionSettingsTest {

    @Test
    void statementsHaveATimeoutAndNoParallelPlans() throws SQLException {
        try (Connection connection = TestGateway.get().connection();
             Statement statement = connection.createStatement()) {
            assertThat(setting(statement, "statement_timeout")).isEqualTo("10s");
            assertThat(setting(statement, "max_parallel_workers_per_gather")).isEqualTo("0");
        }
    }

    private static String setting(Statement statement, String name) throws SQLException {
        try (ResultSet rs = statement.executeQuery("SHOW " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
