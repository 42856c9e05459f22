package org.metricagateway;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedStartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Camel only logs a failed bind of its HTTP servers and runs on without them (shared/camel-notes.md): a gateway
 * whose port was taken would look alive and accept nothing, and its health checks might even be answered by the
 * other process. After start, this process itself must hold a listening socket on every platform-http port. The
 * check reads Linux's /proc; elsewhere it is skipped with a warning.
 */
final class ServerBindCheck extends MainListenerSupport {
    private static final Logger LOG = LoggerFactory.getLogger(ServerBindCheck.class);
    private static final String LISTEN_STATE = "0A";
    /** Exit status of a gateway process that could not listen. */
    static final int EXIT_CANNOT_LISTEN = 3;

    private final boolean exitProcess;
    /** Readiness stays DOWN until the servers are known to listen. */
    private volatile boolean verified;

    /** @param exitProcess end the JVM (the gateway as a program); else throw (the gateway embedded in tests) */
    ServerBindCheck(boolean exitProcess) {
        this.exitProcess = exitProcess;
    }

    /** Once every route and service has started (in embedded and process use alike). */
    private void verify(CamelContext context) {
        if (!Files.isDirectory(Path.of("/proc/self/fd"))) {
            LOG.warn("Cannot verify that the HTTP servers listen (no /proc): check the ports yourself");
            verified = true;
            return;
        }
        Set<String> ownSockets = ownSocketInodes();
        for (VertxPlatformHttpServer server : context.hasServices(VertxPlatformHttpServer.class)) {
            int port = server.getConfigurationPort();
            if (port > 0 && !listensOn(port, ownSockets)) {
                String problem = "An HTTP server could not listen on port " + port
                        + " (in use?); the gateway does not run without it";
                if (exitProcess) {
                    // Camel would log the failure and keep its other threads running, and System.exit would wait
                    // for Camel's shutdown hook, which waits for this very thread: halt. Nothing was accepted yet;
                    // an embedded PostgreSQL left running is taken over by the next start.
                    LOG.error(problem);
                    Runtime.getRuntime().halt(EXIT_CANNOT_LISTEN);
                }
                throw new IllegalStateException(problem);
            }
        }
        verified = true;
    }

    @Override
    public void afterConfigure(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        try {
            context.addStartupListener(new ExtendedStartupListener() {
                @Override
                public void onCamelContextStarted(CamelContext started, boolean alreadyStarted) {
                    // Too early: the HTTP servers start after the routes.
                }

                @Override
                public void onCamelContextFullyStarted(CamelContext started, boolean alreadyStarted) {
                    verify(started);
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        HealthCheckRegistry.get(context).register(new ReadinessCondition("http-servers", () -> verified,
                "the HTTP servers are not verified to listen yet"));
    }

    private static Set<String> ownSocketInodes() {
        Set<String> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring("socket:[".length(), target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // a descriptor closed while listing: not one of the servers
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot list this process's sockets", e);
        }
        return inodes;
    }

    /** /proc/net/tcp{,6}: "sl local_address rem_address st ... inode"; the port is the hex after the colon. */
    private static boolean listensOn(int port, Set<String> ownSockets) {
        String hexPort = String.format(Locale.ROOT, ":%04X", port);
        for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] fields = line.trim().split("\\s+");
                    if (fields.length > 9 && fields[1].endsWith(hexPort) && fields[3].equals(LISTEN_STATE)
                            && ownSockets.contains(fields[9])) {
                        return true;
                    }
                }
            } catch (IOException missingTable) {
                // no IPv6 table, for instance
            }
        }
        return false;
    }
}
