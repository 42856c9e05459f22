package org.metricagateway;

import java.util.Map;
import java.util.function.BooleanSupplier;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/** A readiness-only check (liveness never depends on it): UP while a condition of this process holds. */
final class ReadinessCondition extends AbstractHealthCheck {
    private final BooleanSupplier ready;
    private final String notReadyMessage;

    ReadinessCondition(String id, BooleanSupplier ready, String notReadyMessage) {
        super("gateway", id);
        this.ready = ready;
        this.notReadyMessage = notReadyMessage;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        if (ready.getAsBoolean()) {
            builder.up();
        } else {
            builder.message(notReadyMessage).down();
        }
    }
}
