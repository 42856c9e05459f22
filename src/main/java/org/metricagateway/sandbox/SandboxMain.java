package org.metricagateway.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;

/**
 * The sandbox on its own, outside any gateway: for benchmarks (so that its memory is not counted as the
 * gateway's) and for trying several gateway replicas against one fake Metrica. Permissive seed, as in `make run`.
 * <pre>java -cp target/metrica-offline-gateway-0.1.0-SNAPSHOT.jar org.metricagateway.sandbox.SandboxMain [port [rows-file]]</pre>
 * The token is {@code sandbox-token} unless METRICA_SANDBOX_TOKEN says otherwise. With a rows file, every row of
 * every accepted upload is appended to it as {@code counter<TAB>comment<TAB>ClientId}: the cluster rehearsal
 * (bench/cluster.sh) checks from it that each accepted conversion arrived exactly once.
 */
public final class SandboxMain {
    private static final int DEFAULT_PORT = 8090;
    private static final String DEFAULT_TOKEN = "sandbox-token";

    private SandboxMain() {
    }

    public static void main(String[] args) throws InterruptedException, IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_PORT;
        String token = System.getenv().getOrDefault("METRICA_SANDBOX_TOKEN", DEFAULT_TOKEN);
        MetricaSandbox.Builder builder = MetricaSandbox.builder().port(port).clock(Clock.systemUTC())
                .processingDelays(ProcessingDelays.QUICK).retainUploads(SandboxLauncher.LOCAL_RUN_RETAINED_UPLOADS);
        if (args.length > 1) {
            Writer rows = Files.newBufferedWriter(Path.of(args[1]), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            builder.onUpload(upload -> record(rows, upload));
        }
        MetricaSandbox sandbox = builder.build();
        sandbox.seed().permissive(token);
        sandbox.start();
        Runtime.getRuntime().addShutdownHook(new Thread(sandbox::stop));
        System.out.println("Metrica sandbox listening at " + sandbox.baseUrl());
        new CountDownLatch(1).await();
    }

    /** Written before the upload is answered: a row in the file is a row Metrica accepted. */
    private static void record(Writer rows, ReceivedUpload upload) {
        try {
            StringBuilder lines = new StringBuilder();
            for (var row : upload.rows()) {
                lines.append(upload.counterId()).append('\t').append(upload.comment().orElse("")).append('\t')
                        .append(row.getOrDefault("clientid", "")).append('\n');
            }
            rows.write(lines.toString());
            rows.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
