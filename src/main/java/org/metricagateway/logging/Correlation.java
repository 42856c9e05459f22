package org.metricagateway.logging;

import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.MDC;

/**
 * The correlation id of the work an exchange does: an ingest or admin request's id, or a batch's upload comment for
 * its upload and polls. It travels as the exchange property {@value #PROPERTY} and, on the thread doing the work,
 * in the logging context under {@value #MDC_KEY}, so that every log line of that work carries it (docs/operations.md,
 * "Logs and correlation ids"). Camel's own MDC support was not used: it rewrites a dozen MDC entries around every
 * processor of every route.
 */
public final class Correlation {
    /** The exchange property (a contract: the adapters store it with each ingest request). */
    public static final String PROPERTY = "correlationId";
    /** The logging context key: a field of every JSON log line, in brackets in plain lines. */
    public static final String MDC_KEY = "correlation_id";

    private Correlation() {
    }

    /** This exchange works for {@code id} from now on; the logging context is cleared when the exchange is done. */
    public static void enter(Exchange exchange, String id) {
        exchange.setProperty(PROPERTY, id);
        MDC.put(MDC_KEY, id);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                MDC.remove(MDC_KEY);
            }
        });
    }

    /** After the exchange moved to another thread (an asynchronous redelivery): its id back in the context. */
    public static void resume(Exchange exchange) {
        String id = exchange.getProperty(PROPERTY, String.class);
        if (id != null) {
            MDC.put(MDC_KEY, id);
        }
    }

    /** For a log line about a piece of work outside any exchange of its own (a batch being formed). */
    public static MDC.MDCCloseable during(String id) {
        return MDC.putCloseable(MDC_KEY, id);
    }
}
