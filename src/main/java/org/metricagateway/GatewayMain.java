package org.metricagateway;

import org.apache.camel.main.Main;

/** Starts the gateway: camel-main with application.properties, the YAML routes in routes/ and our beans. */
public final class GatewayMain {
    private GatewayMain() {
    }

    /** The gateway embedded in another program (the tests): a failed start throws. */
    public static Main create() {
        return create(false);
    }

    private static Main create(boolean asProgram) {
        Main main = new Main();
        main.configure().addConfiguration(GatewayConfiguration.class);
        main.addMainListener(new ServerBindCheck(asProgram));
        main.addMainListener(new GracefulShutdown(asProgram));
        return main;
    }

    public static void main(String[] args) throws Exception {
        System.exit(create(true).run(args));
    }
}
