package org.metricagateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.ResultSet;

import org.junit.jupiter.api.Test;
import org.metricagateway.support.TestGateway;

class EmbeddedDatabaseTest {

    @Test
    void theEmbeddedServerIsDurable() throws Exception {
        assumeTrue(System.getenv("TEST_DATABASE_URL") == null, "runs on the embedded server only");
        assertThat(setting("fsync")).isEqualTo("on");
        assertThat(setting("synchronous_commit")).isEqualTo("on");
    }

    private static String setting(String name) throws Exception {
        try (Connection c = TestGateway.get().connection();
             ResultSet rs = c.createStatement().executeQuery("SHOW " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
