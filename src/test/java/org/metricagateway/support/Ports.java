package org.metricagateway.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ports for the gateways the tests start, taken below the kernel's ephemeral range (32768 and up on Linux): a port
 * found free there and released again is not handed out to the next ServerSocket(0), such as the one the
 * embedded PostgreSQL uses to pick its own port.
 */
public final class Ports {
    private static final int FIRST = 20_000;
    private static final int RANGE = 12_000;
    private static final AtomicInteger NEXT = new AtomicInteger(
            FIRST + (int) (ProcessHandle.current().pid() * 97 % RANGE));

    private Ports() {
    }

    public static synchronized int free() {
        for (int tries = 0; tries < RANGE; tries++) {
            int port = FIRST + Math.floorMod(NEXT.getAndIncrement() - FIRST, RANGE);
            try (ServerSocket socket = new ServerSocket(port)) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // try the next one
            }
        }
        throw new IllegalStateException("No free port between " + FIRST + " and " + (FIRST + RANGE));
    }
}
