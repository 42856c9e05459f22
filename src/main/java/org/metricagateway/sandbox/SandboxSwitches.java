package org.metricagateway.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Behaviour switches, for what Metrica's docs leave open and for the states a client must survive. Each default is
 * the behaviour the API notes consider most likely; docs/metrica-sandbox.md lists them. Switches apply at once, to
 * requests and uploads already made too (an upload that reached its terminal state stays there).
 */
public final class SandboxSwitches {
    /** Metrica's documented cap on one file. */
    public static final long DOCUMENTED_MAX_FILE_BYTES = 1L << 30;
    /** How long after a visit Metrica still joins conversions to it (counted to the moment it processes the file). */
    public static final Duration DOCUMENTED_ATTRIBUTION_WINDOW = Duration.ofDays(21);

    private final ProcessingDelays initialDelays;
    private volatile ProcessingDelays processingDelays;
    private volatile boolean skipIntermediateStates;
    private volatile boolean stickInUploaded;
    private volatile String unknownStatus;
    private volatile boolean deduplicateRows;
    private volatile boolean rejectUploadsWithoutValidRows;
    private volatile boolean rejectUnknownColumns;
    private volatile boolean legacyQuotaStatus;
    private volatile Instant joinWindowOpensAt;
    private volatile long maxFileBytes;
    private volatile Duration futureTolerance;
    private volatile boolean unknownCounterNotFound;
    private volatile boolean readRequiresReadScope;
    private volatile boolean leaveOutOptionalFields;
    private volatile Duration attributionWindow;

    SandboxSwitches(ProcessingDelays initialDelays) {
        this.initialDelays = Objects.requireNonNull(initialDelays);
        reset();
    }

    /** Back to the defaults (and to the processing delays the sandbox was built with). */
    public void reset() {
        processingDelays = initialDelays;
        skipIntermediateStates = false;
        stickInUploaded = false;
        unknownStatus = null;
        deduplicateRows = false;
        rejectUploadsWithoutValidRows = true;
        rejectUnknownColumns = false;
        legacyQuotaStatus = false;
        joinWindowOpensAt = null;
        maxFileBytes = DOCUMENTED_MAX_FILE_BYTES;
        futureTolerance = Duration.ZERO;
        unknownCounterNotFound = false;
        readRequiresReadScope = false;
        leaveOutOptionalFields = false;
        attributionWindow = DOCUMENTED_ATTRIBUTION_WINDOW;
    }

    public SandboxSwitches processingDelays(ProcessingDelays delays) {
        processingDelays = Objects.requireNonNull(delays);
        return this;
    }

    public ProcessingDelays processingDelays() {
        return processingDelays;
    }

    /** UPLOADED until the total delay has passed, then the terminal state: EXPORTED and MATCHED are never seen. */
    public SandboxSwitches skipIntermediateStates(boolean on) {
        skipIntermediateStates = on;
        return this;
    }

    public boolean skipIntermediateStates() {
        return skipIntermediateStates;
    }

    /** Uploads never leave UPLOADED (as on Yandex's own test stand): for a client's polling timeout. */
    public SandboxSwitches stickInUploaded(boolean on) {
        stickInUploaded = on;
        return this;
    }

    public boolean stickInUploaded() {
        return stickInUploaded;
    }

    /**
     * The read endpoints report this status (e.g. {@code SOMETHING_NEW}) for every upload not yet in a terminal state;
     * the upload answer itself keeps UPLOADED. {@code null} turns it off.
     */
    public SandboxSwitches unknownStatus(String status) {
        unknownStatus = status;
        return this;
    }

    public Optional<String> unknownStatus() {
        return Optional.ofNullable(unknownStatus);
    }

    /**
     * A row with the same identifiers, Target and DateTime as a row already linked on the counter is not linked again.
     * Off (the default, since nothing public says Metrica deduplicates), such rows count as linked. Either way they
     * are counted in the hidden {@link Linkage#duplicate()}.
     */
    public SandboxSwitches deduplicateRows(boolean on) {
        deduplicateRows = on;
        return this;
    }

    public boolean deduplicateRows() {
        return deduplicateRows;
    }

    /** A file without one valid row is refused with 400 invalid_uploading (on), or stored with line_quantity 0. */
    public SandboxSwitches rejectUploadsWithoutValidRows(boolean on) {
        rejectUploadsWithoutValidRows = on;
        return this;
    }

    public boolean rejectUploadsWithoutValidRows() {
        return rejectUploadsWithoutValidRows;
    }

    /** A header with a column Metrica does not know is refused with 400 invalid_uploading (on), or ignored. */
    public SandboxSwitches rejectUnknownColumns(boolean on) {
        rejectUnknownColumns = on;
        return this;
    }

    public boolean rejectUnknownColumns() {
        return rejectUnknownColumns;
    }

    /** Quota refusals use 420, the code the English docs and old clients know, instead of 429. */
    public SandboxSwitches legacyQuotaStatus(boolean on) {
        legacyQuotaStatus = on;
        return this;
    }

    public boolean legacyQuotaStatus() {
        return legacyQuotaStatus;
    }

    /**
     * Legacy counters: until this moment uploads are refused with 400 "Загрузить данные сейчас невозможно…" unless
     * the request has {@code ignore_visit_join_threshold=1}. {@code null} (the default) turns it off.
     */
    public SandboxSwitches joinWindowOpensAt(Instant moment) {
        joinWindowOpensAt = moment;
        return this;
    }

    public Optional<Instant> joinWindowOpensAt() {
        return Optional.ofNullable(joinWindowOpensAt);
    }

    /** Larger files get 400 invalid_uploading. Bytes beyond the limit are read and dropped, never buffered. */
    public SandboxSwitches maxFileBytes(long bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("maxFileBytes must be positive");
        }
        maxFileBytes = bytes;
        return this;
    }

    public long maxFileBytes() {
        return maxFileBytes;
    }

    /** How far past the sandbox clock a row's DateTime may be and still count (zero: any future time is invalid). */
    public SandboxSwitches futureTolerance(Duration tolerance) {
        futureTolerance = Objects.requireNonNull(tolerance);
        return this;
    }

    public Duration futureTolerance() {
        return futureTolerance;
    }

    /** A counter that is not seeded answers 404 not_found (on) instead of 403 access_denied. */
    public SandboxSwitches unknownCounterNotFound(boolean on) {
        unknownCounterNotFound = on;
        return this;
    }

    public boolean unknownCounterNotFound() {
        return unknownCounterNotFound;
    }

    /** The read endpoints need metrika:read itself (on), instead of any of the three scopes. */
    public SandboxSwitches readRequiresReadScope(boolean on) {
        readRequiresReadScope = on;
        return this;
    }

    public boolean readRequiresReadScope() {
        return readRequiresReadScope;
    }

    /**
     * Uploading objects carry only id, source_quantity, line_quantity, client_id_type, status (and the counters once
     * terminal), like the captured answer in RudderStack's tests: for clients that must not need the other fields.
     */
    public SandboxSwitches leaveOutOptionalFields(boolean on) {
        leaveOutOptionalFields = on;
        return this;
    }

    public boolean leaveOutOptionalFields() {
        return leaveOutOptionalFields;
    }

    public SandboxSwitches attributionWindow(Duration window) {
        attributionWindow = Objects.requireNonNull(window);
        return this;
    }

    public Duration attributionWindow() {
        return attributionWindow;
    }
}
