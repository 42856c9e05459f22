package org.metricagateway.sandbox;

/**
 * The rows a counter has linked, as 64-bit fingerprints of their identity, in an open-addressing table of longs.
 * A set of the identity strings grew by about 200 bytes per linked row: a benchmark that uploads millions of
 * conversions filled the sandbox's heap and spent its time collecting garbage. Eight bytes per row (sixteen with the
 * table half full) instead. Two different rows share a fingerprint with a probability of about n²/2⁶⁵ (3·10⁻⁶ for
 * ten million rows), which would count one linked row as a duplicate: acceptable for a test double.
 */
final class SeenRows {
    private static final int INITIAL_CAPACITY = 1 << 10;
    /** Zero marks a free slot; a fingerprint that is zero is stored as this instead. */
    private static final long ZERO_STAND_IN = 0x9E3779B97F4A7C15L;

    private long[] slots = new long[INITIAL_CAPACITY];
    private int size;

    /** Adds the row's fingerprint; false when it was there already. */
    boolean add(long fingerprint) {
        long value = fingerprint == 0 ? ZERO_STAND_IN : fingerprint;
        if ((size + 1) * 2 > slots.length) {
            grow();
        }
        if (!insert(slots, value)) {
            return false;
        }
        size++;
        return true;
    }

    int size() {
        return size;
    }

    private static boolean insert(long[] table, long value) {
        int mask = table.length - 1;
        int slot = (int) (value ^ (value >>> 32)) & mask;
        while (table[slot] != 0) {
            if (table[slot] == value) {
                return false;
            }
            slot = (slot + 1) & mask;
        }
        table[slot] = value;
        return true;
    }

    private void grow() {
        long[] larger = new long[slots.length * 2];
        for (long value : slots) {
            if (value != 0) {
                insert(larger, value);
            }
        }
        slots = larger;
    }
}
