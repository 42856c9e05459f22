package org.metricagateway.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What the sandbox received: every answered request and every accepted upload, for assertions. Waiting is done with
 * {@link #await}, which wakes whenever something is recorded: no polling interval, no sleep.
 */
public final class ReceivedTraffic {
    private final List<RequestRecord> requests = new ArrayList<>();
    private final List<ReceivedUpload> uploads = new ArrayList<>();
    /** Requests kept per retained upload: a long-running sandbox forgets its oldest records. */
    private static final int REQUESTS_PER_UPLOAD = 100;
    private final int retainedUploads;
    private final Consumer<ReceivedUpload> uploadListener;

    ReceivedTraffic(int retainedUploads, Consumer<ReceivedUpload> uploadListener) {
        this.retainedUploads = retainedUploads;
        this.uploadListener = uploadListener;
    }
    private int inFlight;
    private int held;

    public synchronized List<ReceivedUpload> uploads() {
        return List.copyOf(uploads);
    }

    public synchronized List<ReceivedUpload> uploads(long counterId) {
        return uploads.stream().filter(u -> u.counterId() == counterId).toList();
    }

    public synchronized List<RequestRecord> requests() {
        return List.copyOf(requests);
    }

    public synchronized long count(Endpoint endpoint) {
        return requests.stream().filter(r -> r.endpoint() == endpoint).count();
    }

    public synchronized long count(Endpoint endpoint, int status) {
        return requests.stream().filter(r -> r.endpoint() == endpoint && r.status() == status).count();
    }

    public synchronized long count(Endpoint endpoint, String errorType) {
        return requests.stream()
                .filter(r -> r.endpoint() == endpoint && r.errorType().filter(errorType::equals).isPresent())
                .count();
    }

    /** Requests to the API endpoints that have arrived and are not answered yet (held by a delay, for instance). */
    public synchronized int inFlight() {
        return inFlight;
    }

    /** Answers held back by an injected delay right now; {@link MetricaSandbox#releaseDelayedAnswers()} sends them. */
    public synchronized int held() {
        return held;
    }

    /**
     * Waits until {@code condition} holds, re-checking it each time a request starts or is answered.
     *
     * @throws AssertionError when it does not hold within {@code timeout} (the sandbox is a test fixture)
     */
    public synchronized void await(Duration timeout, Predicate<ReceivedTraffic> condition) {
        if (!waitFor(timeout, condition)) {
            throw new AssertionError("Condition not met within " + timeout + "; received " + summary());
        }
    }

    /** Waits for at least {@code count} accepted uploads and returns them all. */
    public List<ReceivedUpload> awaitUploads(int count, Duration timeout) {
        await(timeout, traffic -> traffic.uploads().size() >= count);
        return uploads();
    }

    /** Counts of answered requests by endpoint and status, e.g. {@code {UPLOAD 200=2, UPLOAD 429=1}}. */
    public synchronized Map<String, Long> summary() {
        return requests.stream().collect(Collectors.groupingBy(r -> r.endpoint() + " " + r.status(), TreeMap::new,
                Collectors.counting()));
    }

    synchronized void started() {
        inFlight++;
        notifyAll();
    }

    /** Whether every request that arrived has been answered, waiting at most {@code timeout}. */
    synchronized boolean awaitIdle(Duration timeout) {
        return waitFor(timeout, traffic -> traffic.inFlight == 0);
    }

    synchronized void held(int change) {
        held += change;
        notifyAll();
    }

    synchronized void answered(RequestRecord request) {
        inFlight--;
        requests.add(request);
        if (retainedUploads < Integer.MAX_VALUE && requests.size() > retainedUploads * REQUESTS_PER_UPLOAD) {
            requests.subList(0, requests.size() - retainedUploads * REQUESTS_PER_UPLOAD).clear();
        }
        notifyAll();
    }

    synchronized void accepted(ReceivedUpload upload) {
        uploadListener.accept(upload);
        uploads.add(upload);
        if (uploads.size() > retainedUploads) {
            uploads.subList(0, uploads.size() - retainedUploads).clear();
        }
        notifyAll();
    }

    /** Forgets what was received; requests still in flight are still counted as such. */
    synchronized void clear() {
        requests.clear();
        uploads.clear();
        notifyAll();
    }

    private synchronized boolean waitFor(Duration timeout, Predicate<ReceivedTraffic> condition) {
        Instant end = Instant.now().plus(timeout);
        while (!condition.test(this)) {
            long remaining = Duration.between(Instant.now(), end).toMillis();
            if (remaining <= 0) {
                return false;
            }
            try {
                wait(remaining);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting", e);
            }
        }
        return true;
    }
}
