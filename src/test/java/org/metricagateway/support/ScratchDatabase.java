package org.metricagateway.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * A database of its own on the test server, for upgrade tests: migrated to an older schema version, given rows in
 * that version's form, then migrated to the latest. Dropped on close.
 */
public final class ScratchDatabase implements AutoCloseable {
    private final HikariDataSource pool;
    private final String name;
    private final String url;

    private ScratchDatabase(HikariDataSource pool, String name) {
        this.pool = pool;
        this.name = name;
        this.url = pool.getJdbcUrl().replaceFirst("^(jdbc:postgresql://[^/]+/)[^?]*", "$1" + name);
    }

    public static ScratchDatabase create(String prefix) throws SQLException {
        HikariDataSource pool = (HikariDataSource) TestGateway.get().dataSource();
        ScratchDatabase database = new ScratchDatabase(pool, prefix + "_" + UUID.randomUUID().toString().replace("-", ""));
        try (Connection admin = pool.getConnection(); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + database.name);
        }
        return database;
    }

    /** Runs the project's migrations up to version (inclusive). */
    public void migrateTo(String version) {
        flyway().target(version).load().migrate();
    }

    /** Runs every migration not applied yet. */
    public void migrateToLatest() {
        flyway().load().migrate();
    }

    public Connection connection() throws SQLException {
        return DriverManager.getConnection(url, pool.getUsername(), pool.getPassword());
    }

    private FluentConfiguration flyway() {
        return Flyway.configure().dataSource(url, pool.getUsername(), pool.getPassword())
                .locations("classpath:db/migration");
    }

    @Override
    public void close() throws SQLException {
        try (Connection admin = pool.getConnection(); Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE " + name + " WITH (FORCE)");
        }
    }
}
