package org.metricagateway.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeenRowsTest {
    @Test
    void aFingerprintIsNewOnceAndEveryFingerprintSurvivesTheTableGrowing() {
        SeenRows seen = new SeenRows();
        int rows = 100_000;
        for (long i = 0; i < rows; i++) {
            assertThat(seen.add(i * 0xC2B2AE3D27D4EB4FL)).isTrue();
        }
        for (long i = 0; i < rows; i++) {
            assertThat(seen.add(i * 0xC2B2AE3D27D4EB4FL)).as("fingerprint %d again", i).isFalse();
        }
        assertThat(seen.size()).isEqualTo(rows);
    }

    @Test
    void zeroIsAFingerprintLikeAnyOther() {
        SeenRows seen = new SeenRows();
        assertThat(seen.add(0)).isTrue();
        assertThat(seen.add(0)).isFalse();
        assertThat(seen.size()).isEqualTo(1);
    }
}
