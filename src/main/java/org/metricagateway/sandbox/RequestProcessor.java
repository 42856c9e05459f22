package org.metricagateway.sandbox;

import java.time.Clock;
import java.util.Optional;

/**
 * Every API request, in Metrica's order: authentication (401/403), counter rights, quotas (429/420), injected
 * failures (503/504, slow answers, store-then-fail), then the endpoint itself. Plain Java: the HTTP layer only
 * reads requests and writes replies.
 */
final class RequestProcessor {
    private final Authenticator authenticator;
    private final Quotas quotas;
    private final InjectedFailures failures;
    private final UploadHandler uploads;
    private final ReadHandler reads;
    private final ThresholdHandler thresholds;
    private final ReceivedTraffic traffic;
    private final Clock clock;

    RequestProcessor(Authenticator authenticator, Quotas quotas, InjectedFailures failures, UploadHandler uploads,
                     ReadHandler reads, ThresholdHandler thresholds, ReceivedTraffic traffic, Clock clock) {
        this.authenticator = authenticator;
        this.quotas = quotas;
        this.failures = failures;
        this.uploads = uploads;
        this.reads = reads;
        this.thresholds = thresholds;
        this.traffic = traffic;
        this.clock = clock;
    }

    /** Starts a call; every call started must be {@linkplain #finish finished}. */
    Call begin(SandboxRequest request) {
        traffic.started();
        return new Call(request);
    }

    Reply handle(Call call) {
        SandboxRequest request = call.request();
        try {
            TokenGrant grant = authenticator.authenticate(request.authorization());
            call.authenticated(grant.login());
            long counterId = NumberParameter.counterId(request.counterId());
            call.counter(counterId);
            authenticator.authorize(grant, counterId, request.endpoint().access());
            call.admitted(quotas.admit(request.remoteAddress(), grant.login(), counterId));
            Optional<Failure> failure = failures.take(request.endpoint());
            return failure.isPresent() ? inject(failure.get(), call, counterId) : dispatch(call, counterId);
        } catch (MetricaError refusal) {
            return Reply.error(refusal);
        }
    }

    /** Records the outcome and frees the call's parallel-request slot; later calls for the same call do nothing. */
    void finish(Call call, int status, Optional<String> errorType) {
        if (!call.finish()) {
            return;
        }
        call.ticket().ifPresent(quotas::release);
        traffic.answered(new RequestRecord(call.request().endpoint(), call.counterId(), status, errorType,
                call.login(), clock.instant()));
    }

    private Reply inject(Failure failure, Call call, long counterId) {
        return switch (failure.kind()) {
            case BACKEND_ERROR -> Reply.error(MetricaError.backendError());
            case TIMEOUT -> Reply.error(MetricaError.timeout());
            case SLOW -> Reply.deferred(failure.delay(), () -> dispatchSafely(call, counterId));
            case STORE_THEN_TIMEOUT -> {
                Reply stored = dispatchSafely(call, counterId);
                yield stored.status() == Reply.OK ? Reply.error(MetricaError.timeout()) : stored;
            }
            case STORE_THEN_DELAY -> {
                Reply stored = dispatchSafely(call, counterId);
                yield stored.status() == Reply.OK ? stored.delayedBy(failure.delay()) : stored;
            }
        };
    }

    private Reply dispatchSafely(Call call, long counterId) {
        try {
            return dispatch(call, counterId);
        } catch (MetricaError refusal) {
            return Reply.error(refusal);
        }
    }

    private Reply dispatch(Call call, long counterId) {
        return switch (call.request().endpoint()) {
            case UPLOAD -> uploads.upload(call, counterId);
            case GET_UPLOADING -> reads.one(call, counterId);
            case LIST_UPLOADINGS -> reads.list(call, counterId);
            case EXTENDED_THRESHOLD -> thresholds.extendedThreshold();
            case VISIT_JOIN_THRESHOLD -> thresholds.visitJoinThreshold();
        };
    }
}
