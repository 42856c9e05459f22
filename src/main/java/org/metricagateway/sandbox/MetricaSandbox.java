package org.metricagateway.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A local fake of Yandex Metrica's offline-conversion API (upload, status, list, and the legacy threshold stubs),
 * for the delivery code's tests and for local runs without a Metrica token. It answers on its own HTTP port and
 * never sends anything anywhere. State is seeded and read through this object: {@link #seed()} (tokens, counters,
 * goals, visitors), {@link #switches()}, {@link #failures()}, {@link #quotas()}, {@link #received()}. Everything
 * time-dependent follows the injected clock (a {@link MutableClock} in tests). See docs/metrica-sandbox.md.
 */
public final class MetricaSandbox implements AutoCloseable {
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** How long {@link #reset()} lets answers still in flight finish before it clears the state under them. */
    private static final Duration RESET_DRAIN_TIMEOUT = Duration.ofSeconds(5);

    private final String host;
    private final int requestedPort;
    private final Clock clock;
    private final SandboxSeed seed = new SandboxSeed();
    private final SandboxSwitches switches;
    private final InjectedFailures failures = new InjectedFailures();
    private final Quotas quotas;
    private final ReceivedTraffic traffic;
    private final Lifecycle lifecycle;
    private final SandboxServer server;
    private volatile int port;

    private MetricaSandbox(Builder builder) {
        host = builder.host;
        requestedPort = builder.port;
        clock = builder.clock;
        switches = new SandboxSwitches(builder.delays);
        quotas = new Quotas(clock, switches);
        traffic = new ReceivedTraffic(builder.retainedUploads, builder.uploadListener);
        UploadingStore store = new UploadingStore(builder.retainedUploads);
        lifecycle = new Lifecycle(store, new Linker(seed, switches), switches, clock);
        UploadHandler uploads = new UploadHandler(new FileChecker(switches), store, lifecycle, traffic, switches,
                clock);
        RequestProcessor processor = new RequestProcessor(new Authenticator(seed, switches), quotas, failures,
                uploads, new ReadHandler(lifecycle, switches), new ThresholdHandler(switches, clock), traffic, clock);
        server = new SandboxServer(processor, switches, traffic);
    }

    public static Builder builder() {
        return new Builder();
    }

    public synchronized MetricaSandbox start() {
        if (port > 0) {
            throw new IllegalStateException("The Metrica sandbox is already running at " + baseUrl());
        }
        port = server.start(host, requestedPort);
        return this;
    }

    /** Stops listening; answers still held by a delay are dropped. */
    public synchronized void stop() {
        server.stop();
        port = 0;
    }

    @Override
    public void close() {
        stop();
    }

    public int port() {
        if (port <= 0) {
            throw new IllegalStateException("The Metrica sandbox is not running");
        }
        return port;
    }

    /** The base URL a client puts in place of {@code https://api-metrika.yandex.net}. */
    public String baseUrl() {
        String authority = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + authority + ":" + port();
    }

    public Clock clock() {
        return clock;
    }

    public SandboxSeed seed() {
        return seed;
    }

    public SandboxSwitches switches() {
        return switches;
    }

    public InjectedFailures failures() {
        return failures;
    }

    public Quotas quotas() {
        return quotas;
    }

    public ReceivedTraffic received() {
        return traffic;
    }

    /** The upload as the status endpoint would show it now, with the hidden duplicate count. */
    public Optional<UploadingState> uploading(long id) {
        return lifecycle.find(id);
    }

    /** Every upload, of every counter and type, newest first. */
    public List<UploadingState> uploadings() {
        return lifecycle.all();
    }

    /** Sends every answer held back by an injected delay now. */
    public void releaseDelayedAnswers() {
        server.releaseDelayedAnswers();
    }

    /**
     * Back to the state right after {@link Builder#build()}: no tokens or counters, default switches and quota
     * limits, no injected failures, no uploads, nothing received. Held answers are released first. Upload ids keep
     * increasing, and the clock is the test's to reset.
     */
    public void reset() {
        releaseDelayedAnswers();
        traffic.awaitIdle(RESET_DRAIN_TIMEOUT);
        seed.clear();
        switches.reset();
        failures.clear();
        quotas.limits(QuotaLimits.DOCUMENTED).clearUsage();
        lifecycle.clear();
        traffic.clear();
    }

    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port;
        private Clock clock = Clock.systemUTC();
        private ProcessingDelays delays = ProcessingDelays.QUICK;
        private int retainedUploads = Integer.MAX_VALUE;
        private Consumer<ReceivedUpload> uploadListener = upload -> { };

        private Builder() {
        }

        /**
         * Called with every accepted upload, before it is recorded: for a record that outlives the retained
         * uploads (the cluster rehearsal writes every row it receives to a file).
         */
        public Builder onUpload(Consumer<ReceivedUpload> listener) {
            uploadListener = Objects.requireNonNull(listener);
            return this;
        }

        /**
         * Keep only the newest uploads (and their records): a long-running local sandbox must not grow without end.
         * Tests keep everything (the default); older uploads are then unknown to the read endpoints (404).
         */
        public Builder retainUploads(int value) {
            retainedUploads = value;
            return this;
        }

        public Builder host(String value) {
            host = Objects.requireNonNull(value);
            return this;
        }

        /** 0 (the default): a free port, read back with {@link MetricaSandbox#port()}. */
        public Builder port(int value) {
            port = value;
            return this;
        }

        public Builder clock(Clock value) {
            clock = Objects.requireNonNull(value);
            return this;
        }

        public Builder processingDelays(ProcessingDelays value) {
            delays = Objects.requireNonNull(value);
            return this;
        }

        public MetricaSandbox build() {
            return new MetricaSandbox(this);
        }
    }
}
