package org.metricagateway.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.metricagateway.GatewayMain;

/**
 * The gateway as the suite sees it: the real application (application.properties, routes/*.yaml, our beans),
 * started once per JVM on free ports. Its database is the embedded PostgreSQL it starts itself, or the server in
 * TEST_DATABASE_URL when that is set. Tests isolate themselves by creating their own webhooks.
 */
public final class TestGateway {
    public static final String ADMIN_TOKEN = "test-admin-token-0123456789";
    private static TestGateway instance;

    private final Main main;
    private final int port;
    private final int managementPort;

    private TestGateway(Main main, int port, int managementPort) {
        this.main = main;
        this.port = port;
        this.managementPort = managementPort;
    }

    public static synchronized TestGateway get() {
        if (instance == null) {
            instance = start(Map.of());
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop));
        }
        return instance;
    }

    /** A gateway of its own, with extra settings; the caller stops it. */
    public static TestGateway start(Map<String, String> overrides) {
        try {
            int port = Ports.free();
            int managementPort = Ports.free();
            Map<String, String> properties = new LinkedHashMap<>();
            properties.put("camel.server.port", Integer.toString(port));
            properties.put("camel.management.port", Integer.toString(managementPort));
            properties.put("admin.token", ADMIN_TOKEN);
            // Each gateway's own local sandbox on a free port; delivery tests pass their own sandbox instead.
            properties.put("metrica.sandbox.port", "0");
            // The suite's gateways share one database: by default none of them polls or resumes uploads (a test
            // of delivery starts a gateway that does, on a database of its own).
            properties.put("status.poll-cron", "0 0 0 1 1 ? 2099");
            properties.put("status.scheduler-name", "test-" + java.util.UUID.randomUUID());
            properties.put("upload.resume-interval-ms", "86400000");
            // Bitrix24 deal fetches (and their retries) within a fraction of a second, so that tests wait briefly.
            properties.put("bitrix24.fetch-interval-ms", "100");
            properties.put("bitrix24.initial-backoff-ms", "50");
            properties.put("bitrix24.max-backoff-ms", "200");
            // Database-read gauges (batches, Bitrix24 fetches) current within a second.
            properties.put("status.gauges-refresh-ms", "1000");
            String external = System.getenv("TEST_DATABASE_URL");
            if (external != null && !external.isBlank()) {
                properties.put("database.url", external);
            } else {
                properties.put("data-dir", Files.createTempDirectory(Path.of("target"), "test-data-").toString());
            }
            properties.putAll(overrides);
            Main main = GatewayMain.create();
            properties.forEach(main::addOverrideProperty);
            main.start();
            return new TestGateway(main, port, managementPort);
        } catch (Exception e) {
            throw new IllegalStateException("The gateway did not start", e);
        }
    }

    public void stop() {
        try {
            main.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    public CamelContext camel() {
        return main.getCamelContext();
    }

    public DataSource dataSource() {
        return camel().getRegistry().lookupByNameAndType("dataSource", DataSource.class);
    }

    /** The database this gateway uses, for a second gateway on the same database. */
    public String jdbcUrl() {
        return ((com.zaxxer.hikari.HikariDataSource) dataSource()).getJdbcUrl();
    }

    public Connection connection() throws SQLException {
        return dataSource().getConnection();
    }

}
