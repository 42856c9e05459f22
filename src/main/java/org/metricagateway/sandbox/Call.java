package org.metricagateway.sandbox;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/** A request being handled: what the checks learnt about it, and whether its outcome has been recorded. */
final class Call {
    private final SandboxRequest request;
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile String login;
    private volatile Long counterId;
    private volatile Quotas.Ticket ticket;

    Call(SandboxRequest request) {
        this.request = request;
    }

    SandboxRequest request() {
        return request;
    }

    void authenticated(String caller) {
        login = caller;
    }

    void counter(long id) {
        counterId = id;
    }

    void admitted(Quotas.Ticket admission) {
        ticket = admission;
    }

    Optional<String> login() {
        return Optional.ofNullable(login);
    }

    Optional<Long> counterId() {
        return Optional.ofNullable(counterId);
    }

    Optional<Quotas.Ticket> ticket() {
        return Optional.ofNullable(ticket);
    }

    /** True once, for whoever finishes the call first. */
    boolean finish() {
        return finished.compareAndSet(false, true);
    }
}
