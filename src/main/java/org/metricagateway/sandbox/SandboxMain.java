package org.metricagateway.sandbox;

import java.time.Clock;
import java.util.concurrent.CountDownLatch;

/**
 * The sandbox on its own, outside any gateway: for benchmarks (so that its memory is not counted as the
 * gateway's) and for trying several gateway replicas against one fake Metrica. Permissive seed, as in `make run`.
 * <pre>java -cp target/metrica-offline-gateway-0.1.0-SNAPSHOT.jar org.metricagateway.sandbox.SandboxMain [port]</pre>
 * The token is {@code sandbox-token} unless METRICA_SANDBOX_TOKEN says otherwise.
 */
public final class SandboxMain {
    private static final int DEFAULT_PORT = 8090;
    private static final String DEFAULT_TOKEN = "sandbox-token";

    private SandboxMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_PORT;
        String token = System.getenv().getOrDefault("METRICA_SANDBOX_TOKEN", DEFAULT_TOKEN);
        MetricaSandbox sandbox = MetricaSandbox.builder().port(port).clock(Clock.systemUTC())
                .processingDelays(ProcessingDelays.QUICK).retainUploads(SandboxLauncher.LOCAL_RUN_RETAINED_UPLOADS).build();
        sandbox.seed().permissive(token);
        sandbox.start();
        Runtime.getRuntime().addShutdownHook(new Thread(sandbox::stop));
        System.out.println("Metrica sandbox listening at " + sandbox.baseUrl());
        new CountDownLatch(1).await();
    }
}
