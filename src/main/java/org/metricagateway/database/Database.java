package org.metricagateway.database;

import java.io.IOException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import org.flywaydb.core.Flyway;
import org.metricagateway.config.GatewaySettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's one store: a pooled PostgreSQL connection, to an external server when DATABASE_URL is set, else to
 * the embedded server. Migrations run before anything else touches the schema.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final HikariDataSource dataSource;
    private final EmbeddedDatabase embedded;

    private Database(HikariDataSource dataSource, EmbeddedDatabase embedded) {
        this.dataSource = dataSource;
        this.embedded = embedded;
    }

    public static Database open(GatewaySettings settings) throws IOException {
        EmbeddedDatabase embedded = null;
        HikariConfig config = new HikariConfig();
        if (settings.usesEmbeddedDatabase()) {
            embedded = EmbeddedDatabase.start(settings.dataDir());
            config.setJdbcUrl(embedded.jdbcUrl());
            config.setUsername(embedded.user());
        } else {
            DatabaseUrl url = DatabaseUrl.parse(settings.databaseUrl().orElseThrow());
            config.setJdbcUrl(url.jdbcUrl());
            settings.databaseUser().or(url::user).ifPresent(config::setUsername);
            settings.databasePassword().or(url::password).ifPresent(config::setPassword);
            LOG.info("Using the PostgreSQL server at {}", url);
        }
        config.setPoolName("gateway");
        config.setMaximumPoolSize(settings.databasePoolSize());
        // A request must get a quick 503 when the database is gone, not hang on the pool.
        config.setConnectionTimeout(settings.databaseConnectionTimeout().toMillis());
        config.setValidationTimeout(Math.min(settings.databaseConnectionTimeout().toMillis(), 1000));
        // No parallel plans: the gateway's queries are short index reads, for which starting worker processes costs
        // more than it saves (it doubled the time to read a batch's 10,000 rows for its CSV) and takes cores from
        // ingest.
        config.addDataSourceProperty("options", "-c statement_timeout=" + settings.databaseStatementTimeout().toMillis()
                + " -c max_parallel_workers_per_gather=0");
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.addDataSourceProperty("connectTimeout", Math.max(1, settings.databaseConnectionTimeout().toSeconds()));
        config.addDataSourceProperty("ApplicationName", "metrica-offline-gateway");
        // PostgreSQL's error details quote the failing row ("Failing row contains ..."): client ids, adapter settings
        // with credentials. Without them an exception can be logged whole and still leak nothing.
        config.addDataSourceProperty("logServerErrorDetail", "false");
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            migrate(dataSource);
        } catch (RuntimeException e) {
            dataSource.close();
            if (embedded != null) {
                embedded.close();
            }
            throw e;
        }
        return new Database(dataSource, embedded);
    }

    private static void migrate(DataSource dataSource) {
        // Flyway takes a PostgreSQL advisory lock, so replicas starting together apply each migration once.
        Flyway flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load();
        int applied = flyway.migrate().migrationsExecuted;
        LOG.info("Database schema at version {} ({} migrations applied now)",
                flyway.info().current().getVersion(), applied);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** The pool's own metrics (hikaricp_connections_*, tagged pool="gateway") into this registry. */
    public void publishMetrics(MeterRegistry meters) {
        dataSource.setMetricRegistry(meters);
    }

    @Override
    public void close() throws IOException {
        dataSource.close();
        if (embedded != null) {
            embedded.close();
        }
    }
}
