package org.metricagateway;

import java.time.Duration;

import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.main.MainSupport;
import org.metricagateway.config.GatewaySettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * The stop sequence Kubernetes needs (docs/operations.md, "Graceful shutdown"). It sends SIGTERM while the pod's
 * endpoints are still being removed from load balancers, so the gateway first reports itself not ready and keeps
 * serving for {@code shutdown.drain-delay-ms}; only then does Camel stop: the HTTP routes stop taking requests and
 * the ones in flight finish (each 202 follows its commit), open aggregation groups become batches
 * ({@code forceCompletionOnStop}), and the context stops within {@code camel.main.shutdown-timeout}.
 * <p>
 * As a program, the gateway handles SIGTERM itself instead of through the JVM's shutdown hooks: the stop then runs
 * on the main thread while logging still works, and the process exits 0 once it is done.
 */
final class GracefulShutdown extends MainListenerSupport {
    private static final Logger LOG = LoggerFactory.getLogger(GracefulShutdown.class);

    private final boolean handleSigterm;
    private volatile boolean stopping;

    /** @param handleSigterm the gateway as a program (not embedded in tests): SIGTERM starts this sequence */
    GracefulShutdown(boolean handleSigterm) {
        this.handleSigterm = handleSigterm;
    }

    @Override
    public void afterConfigure(BaseMainSupport main) {
        HealthCheckRegistry.get(main.getCamelContext()).register(new ReadinessCondition("shutdown", () -> !stopping,
                "the gateway is shutting down"));
    }

    @Override
    public void beforeStart(BaseMainSupport main) {
        if (handleSigterm && main instanceof MainSupport program) {
            Signal.handle(new Signal("TERM"), signal -> program.completed());
        }
    }

    /** On the main thread, after SIGTERM (or any other end of the run), before the context stops. */
    @Override
    public void beforeStop(BaseMainSupport main) {
        stopping = true;
        CamelContext context = main.getCamelContext();
        Duration drain = GatewaySettings.from(context.getPropertiesComponent()).shutdownDrainDelay();
        LOG.info("Shutting down: readiness reports DOWN; still serving for {} ms so that load balancers stop"
                + " sending, then in-flight requests finish and the routes stop", drain.toMillis());
        try {
            // The drain itself: requests keep being served while endpoints are removed elsewhere.
            Thread.sleep(drain.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void afterStop(BaseMainSupport main) {
        LOG.info("Stopped");
    }
}
