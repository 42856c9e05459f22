package org.metricagateway.status;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import java.util.UUID;

import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.apache.camel.component.quartz.QuartzComponent;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

/**
 * camel-quartz on Quartz's clustered JDBC job store, in the gateway's own PostgreSQL (tables by migration V2), with
 * the gateway's connection pool: with several replicas, each firing of a schedule runs on exactly one of them, and
 * a replica that dies is replaced within one check-in interval.
 */
public final class QuartzClustering {
    private QuartzClustering() {
    }

    public static void configure(CamelContext context, DataSource dataSource, String schedulerName,
                                 long checkinIntervalMillis) {
        // Quartz's registry of data sources is JVM-wide: a name of its own keeps this context on its own pool.
        String dataSourceName = "gateway-" + UUID.randomUUID();
        DBConnectionManager.getInstance().addConnectionProvider(dataSourceName, new ConnectionProvider() {
            @Override
            public Connection getConnection() throws SQLException {
                return dataSource.getConnection();
            }

            @Override
            public void shutdown() {
                // The pool belongs to the gateway, which closes it.
            }

            @Override
            public void initialize() {
                // Nothing to set up: the pool exists already.
            }
        });
        Properties quartz = new Properties();
        quartz.setProperty("org.quartz.scheduler.instanceName", schedulerName);
        quartz.setProperty("org.quartz.scheduler.instanceId", "AUTO");
        quartz.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        quartz.setProperty("org.quartz.threadPool.threadCount", "2");
        quartz.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        quartz.setProperty("org.quartz.jobStore.driverDelegateClass",
                "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        quartz.setProperty("org.quartz.jobStore.dataSource", dataSourceName);
        quartz.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        quartz.setProperty("org.quartz.jobStore.isClustered", "true");
        quartz.setProperty("org.quartz.jobStore.clusterCheckinInterval", Long.toString(checkinIntervalMillis));
        QuartzComponent component = context.getComponent("quartz", QuartzComponent.class);
        component.setProperties(quartz);
        // The scheduler name decides the cluster; not prefixed with the context's name, which may differ.
        component.setPrefixInstanceName(false);
    }
}
