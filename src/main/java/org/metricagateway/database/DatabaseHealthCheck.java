package org.metricagateway.database;

import java.sql.Connection;
import java.util.Map;

import javax.sql.DataSource;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/** Readiness: the gateway accepts conversions only while PostgreSQL answers. Not a liveness check: a restart would not bring the database back. */
public final class DatabaseHealthCheck extends AbstractHealthCheck {
    private static final int VALIDATION_TIMEOUT_SECONDS = 2;
    private final DataSource dataSource;

    public DatabaseHealthCheck(DataSource dataSource) {
        super("gateway", "database");
        this.dataSource = dataSource;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        try (Connection connection = dataSource.getConnection()) {
            if (connection.isValid(VALIDATION_TIMEOUT_SECONDS)) {
                builder.up();
            } else {
                builder.message("database did not answer").down();
            }
        } catch (Exception e) {
            builder.message("database unavailable").error(e).down();
        }
    }
}
