package org.metricagateway.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The zero-install default: a real PostgreSQL server started by the gateway itself, its data under
 * {@code <data-dir>/postgres} so that it survives restarts. Only used when no DATABASE_URL is configured.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final Duration ORPHAN_STOP_TIMEOUT = Duration.ofSeconds(30);

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static EmbeddedDatabase start(Path dataDir) throws IOException {
        Path pgData = dataDir.resolve("postgres").toAbsolutePath();
        Files.createDirectories(pgData);
        stopOrphanedServer(pgData);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(pgData)
                .setCleanDataDirectory(false)
                // zonky's defaults are tuned for throw-away test databases (fsync=off, synchronous_commit=off):
                // here a 202 promises that the conversions survive a crash, so both must be on.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .start();
        LOG.info("Embedded PostgreSQL started on port {} with data in {}", postgres.getPort(), pgData);
        return new EmbeddedDatabase(postgres);
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    public String user() {
        return "postgres";
    }

    /**
     * When the gateway was killed (SIGKILL, OOM), its PostgreSQL child keeps running and holds the data directory:
     * stop that orphan so the new server can start on the same data. PostgreSQL's own crash recovery then runs.
     */
    private static void stopOrphanedServer(Path pgData) throws IOException {
        Path pidFile = pgData.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        Optional<ProcessHandle> orphan = Files.readAllLines(pidFile).stream().findFirst()
                .map(String::trim)
                .flatMap(pid -> {
                    try {
                        return ProcessHandle.of(Long.parseLong(pid));
                    } catch (NumberFormatException e) {
                        return Optional.empty();
                    }
                })
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false));
        if (orphan.isEmpty()) {
            return;
        }
        LOG.warn("Stopping an embedded PostgreSQL left running by a previous run (pid {})", orphan.get().pid());
        orphan.get().destroy();
        try {
            orphan.get().onExit().get(ORPHAN_STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("The PostgreSQL server left by a previous run did not stop", e);
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
