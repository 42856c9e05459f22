package org.metricagateway.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The gateway as a separate JVM, configured only through environment variables, as an operator runs it. Output goes
 * to a file the test can read.
 */
public final class GatewayProcess implements AutoCloseable {
    private static final long STOP_TIMEOUT_SECONDS = 40;
    private final Process process;
    private final Path log;
    private final int port;
    private final int managementPort;

    private GatewayProcess(Process process, Path log, int port, int managementPort) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.managementPort = managementPort;
    }

    public static GatewayProcess start(Map<String, String> environment) throws IOException {
        GatewayProcess gateway = launch(environment);
        gateway.awaitReady();
        return gateway;
    }

    /** Started, not waited for. */
    public static GatewayProcess launch(Map<String, String> environment) throws IOException {
        return launch(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.metricagateway.GatewayMain"),
                Path.of("").toAbsolutePath(), environment);
    }

    /** Started with this command in this working directory (as a container runs its image), and waited for. */
    public static GatewayProcess start(List<String> command, Path directory, Map<String, String> environment)
            throws IOException {
        GatewayProcess gateway = launch(command, directory, environment);
        gateway.awaitReady();
        return gateway;
    }

    private static GatewayProcess launch(List<String> command, Path directory, Map<String, String> environment)
            throws IOException {
        int port = Ports.free();
        int managementPort = Ports.free();
        Path log = Files.createTempFile(Path.of("target"), "gateway-process-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("CAMEL_SERVER_PORT", Integer.toString(port));
        builder.environment().put("CAMEL_MANAGEMENT_PORT", Integer.toString(managementPort));
        builder.environment().put("METRICA_SANDBOX_PORT", "0");
        // Tests stop gateways often; the ones about stopping set a drain delay of their own.
        builder.environment().put("SHUTDOWN_DRAIN_DELAY_MS", "0");
        builder.environment().putAll(environment);
        return new GatewayProcess(builder.start(), log, port, managementPort);
    }

    /** Waits until the process is ready (for processes started with {@link #launch}, several at once). */
    public void awaitReady() {
        Deadline.within(Duration.ofSeconds(60)).until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("The gateway exited:\n" + output());
            }
            try {
                return Http.send(Http.request(managementUrl() + "/observe/health/ready")).status() == 200;
            } catch (AssertionError notYetListening) {
                return false;
            }
        });
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    public Process process() {
        return process;
    }

    public String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A graceful stop (SIGTERM), so that the embedded PostgreSQL stops too; SIGKILL if it takes too long. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT_SECONDS, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

}
