package org.metricagateway.database;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A PostgreSQL server for several gateway processes, with nothing installed: the embedded server of
 * {@link EmbeddedDatabase} on its own, its data in the given directory. Used by the cluster rehearsal
 * (bench/cluster.sh), which starts three gateways on it as an operator starts replicas on a managed database.
 * <pre>java -cp target/metrica-offline-gateway-0.1.0-SNAPSHOT.jar org.metricagateway.database.EmbeddedDatabaseMain dir</pre>
 * Prints {@code PostgreSQL ready at <JDBC URL>}; stops the server on SIGTERM.
 */
public final class EmbeddedDatabaseMain {
    private EmbeddedDatabaseMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: EmbeddedDatabaseMain <data directory>");
            System.exit(2);
        }
        EmbeddedDatabase database = EmbeddedDatabase.start(Path.of(args[0]));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                database.close();
            } catch (Exception e) {
                System.err.println("The PostgreSQL server did not stop cleanly: " + e.getMessage());
            }
        }));
        System.out.println("PostgreSQL ready at " + database.jdbcUrl());
        new CountDownLatch(1).await();
    }
}
