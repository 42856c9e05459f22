package org.metricagateway.database;

import org.apache.camel.support.service.ServiceSupport;

/** Closes the pool (and stops the embedded server) when Camel shuts down, after the routes have stopped. */
public final class DatabaseService extends ServiceSupport {
    private final Database database;

    public DatabaseService(Database database) {
        this.database = database;
    }

    @Override
    protected void doStop() throws Exception {
        database.close();
    }
}
