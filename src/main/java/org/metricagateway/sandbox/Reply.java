package org.metricagateway.sandbox;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What to answer, and when: at once, after a delay (the answer already decided), or after a delay with the work done
 * only then ({@link #deferred}), which is how a slow Metrica behaves towards a client that gives up first.
 */
final class Reply {
    static final int OK = 200;

    private final int status;
    private final ObjectNode body;
    private final Duration delay;
    private final Supplier<Reply> work;

    private Reply(int status, ObjectNode body, Duration delay, Supplier<Reply> work) {
        this.status = status;
        this.body = body;
        this.delay = delay;
        this.work = work;
    }

    static Reply ok(ObjectNode body) {
        return new Reply(OK, body, Duration.ZERO, null);
    }

    static Reply error(MetricaError error) {
        return new Reply(error.status(), SandboxJson.error(error), Duration.ZERO, null);
    }

    static Reply deferred(Duration delay, Supplier<Reply> work) {
        return new Reply(0, null, delay, work);
    }

    Reply delayedBy(Duration wait) {
        return new Reply(status, body, wait, null);
    }

    Reply now() {
        return new Reply(status, body, Duration.ZERO, null);
    }

    int status() {
        return status;
    }

    ObjectNode body() {
        return body;
    }

    Duration delay() {
        return delay;
    }

    Optional<Supplier<Reply>> work() {
        return Optional.ofNullable(work);
    }

    Optional<String> errorType() {
        return Optional.ofNullable(body).map(b -> b.path("errors").path(0).path("error_type"))
                .filter(JsonNode::isTextual).map(JsonNode::asText);
    }
}
