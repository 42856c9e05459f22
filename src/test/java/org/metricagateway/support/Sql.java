package org.metricagateway.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Direct access to the gateway's database, for asserting rows and for arranging states no API call produces. */
public final class Sql {
    private Sql() {
    }

    /** The only row of a query, columns by label; empty when there is none. */
    public static Optional<Map<String, Object>> row(String sql, Object... parameters) {
        List<Map<String, Object>> rows = rows(sql, parameters);
        if (rows.size() > 1) {
            throw new AssertionError("More than one row: " + sql);
        }
        return rows.stream().findFirst();
    }

    /** Every row of a query (or of an UPDATE ... RETURNING), columns by label. */
    public static List<Map<String, Object>> rows(String sql, Object... parameters) {
        return rows(TestGateway.get(), sql, parameters);
    }

    /** The same, on the database of another gateway. */
    public static List<Map<String, Object>> rows(TestGateway gateway, String sql, Object... parameters) {
        try (Connection connection = gateway.connection()) {
            return rows(connection, sql, parameters);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    /** The same, on any database (a gateway process's, for instance). */
    public static List<Map<String, Object>> rows(Connection connection, String sql, Object... parameters) {
        try (PreparedStatement statement = prepare(connection, sql, parameters);
             ResultSet rs = statement.executeQuery()) {
            ResultSetMetaData meta = rs.getMetaData();
            List<Map<String, Object>> rows = new ArrayList<>();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnLabel(i), rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    public static Object value(String sql, Object... parameters) {
        return row(sql, parameters).orElseThrow(() -> new AssertionError("No row: " + sql)).values().iterator().next();
    }

    public static int update(String sql, Object... parameters) {
        try (Connection connection = TestGateway.get().connection();
             PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }
}
