package org.metricagateway;

import org.apache.camel.main.Main;

/** Starts the gateway: camel-main with application.properties, the YAML routes in routes/ and our beans. */
public final class GatewayMain {
    private GatewayMain() {
    }

    public static Main create() {
        Main main = new Main();
        main.configure().addConfiguration(GatewayConfiguration.class);
        return main;
    }

    public static void main(String[] args) throws Exception {
        System.exit(create().run(args));
    }
}
