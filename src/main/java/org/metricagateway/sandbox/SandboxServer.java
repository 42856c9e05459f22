package org.metricagateway.sandbox;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of the sandbox, on a Vert.x instance of its own: routes Metrica's paths, reads requests (bodies
 * fully, before any check, so a refused client is never cut off mid-upload), runs {@link RequestProcessor} on a
 * worker thread and writes its replies, holding back the delayed ones.
 */
final class SandboxServer {
    private static final Logger LOG = LoggerFactory.getLogger(SandboxServer.class);
    private static final String COUNTER = "/management/v1/counter/:counterId/offline_conversions";
    private static final String JSON = "application/json; charset=UTF-8";
    private static final Set<String> CREDENTIAL_HEADERS = Set.of("authorization", "cookie", "proxy-authorization");
    /** Metrica stopped accepting the token as a parameter in 2019; one sent that way is still never kept. */
    private static final Set<String> CREDENTIAL_PARAMETERS = Set.of("oauth_token");
    private static final int METHOD_NOT_ALLOWED = 405;
    private static final int INTERNAL_SERVER_ERROR = 500;
    private static final int EVENT_LOOPS = 1;
    private static final int WORKERS = 4;
    /** Vert.x's own limits on form fields would refuse a large {@code file} part sent without a filename. */
    private static final int UNLIMITED = -1;
    private static final Duration START_STOP_TIMEOUT = Duration.ofSeconds(30);

    private final RequestProcessor processor;
    private final SandboxSwitches switches;
    private final ReceivedTraffic traffic;
    private Vertx vertx;
    private DelayedAnswers delayed;

    SandboxServer(RequestProcessor processor, SandboxSwitches switches, ReceivedTraffic traffic) {
        this.processor = processor;
        this.switches = switches;
        this.traffic = traffic;
    }

    /** Listens, and returns the port (the one chosen when {@code port} is 0). */
    int start(String host, int port) {
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(EVENT_LOOPS).setWorkerPoolSize(WORKERS));
        delayed = new DelayedAnswers(vertx, traffic);
        HttpServer server = vertx.createHttpServer(new HttpServerOptions()
                .setHandle100ContinueAutomatically(true)
                .setMaxFormAttributeSize(UNLIMITED).setMaxFormBufferedBytes(UNLIMITED))
                .requestHandler(router());
        try {
            return await(server.listen(port, host)).actualPort();
        } catch (RuntimeException e) {
            await(vertx.close());
            throw e;
        }
    }

    void stop() {
        if (vertx != null) {
            await(vertx.close());
            vertx = null;
        }
    }

    void releaseDelayedAnswers() {
        delayed.releaseAll();
    }

    private Router router() {
        Router router = Router.router(vertx);
        router.post(COUNTER + "/upload").handler(this::upload);
        router.get(COUNTER + "/uploading/:id").handler(ctx -> handle(ctx, Endpoint.GET_UPLOADING, Optional.empty()));
        router.get(COUNTER + "/uploadings").handler(ctx -> handle(ctx, Endpoint.LIST_UPLOADINGS, Optional.empty()));
        router.post(COUNTER + "/extended_threshold")
                .handler(ctx -> handle(ctx, Endpoint.EXTENDED_THRESHOLD, Optional.empty()));
        router.delete(COUNTER + "/extended_threshold")
                .handler(ctx -> handle(ctx, Endpoint.EXTENDED_THRESHOLD, Optional.empty()));
        router.get(COUNTER + "/visit_join_threshold")
                .handler(ctx -> handle(ctx, Endpoint.VISIT_JOIN_THRESHOLD, Optional.empty()));
        router.errorHandler(MetricaError.NOT_FOUND, ctx -> write(ctx, Reply.error(MetricaError.entityNotFound())));
        router.errorHandler(METHOD_NOT_ALLOWED, ctx -> write(ctx, Reply.error(MetricaError.entityNotFound())));
        router.errorHandler(INTERNAL_SERVER_ERROR, ctx -> {
            LOG.error("Metrica sandbox failed on {} {}", ctx.request().method(), ctx.request().path(), ctx.failure());
            write(ctx, Reply.error(MetricaError.backendError()));
        });
        return router;
    }

    private void upload(RoutingContext ctx) {
        MultipartReader.read(ctx.request(), switches.maxFileBytes())
                .onSuccess(body -> handle(ctx, Endpoint.UPLOAD, Optional.of(body)));
    }

    private void handle(RoutingContext ctx, Endpoint endpoint, Optional<UploadBody> body) {
        Call call = processor.begin(request(ctx, endpoint, body));
        run(ctx, call, () -> processor.handle(call));
    }

    private void run(RoutingContext ctx, Call call, Callable<Reply> work) {
        vertx.executeBlocking(work, false).onComplete(result -> {
            if (result.succeeded()) {
                deliver(ctx, call, result.result());
            } else {
                LOG.error("Metrica sandbox failed on {}", call.request(), result.cause());
                send(ctx, call, Reply.error(MetricaError.backendError()));
            }
        });
    }

    /** A slow request whose client disconnects is recorded as such at once, and never handled. */
    private void deliver(RoutingContext ctx, Call call, Reply reply) {
        if (reply.work().isPresent()) {
            ctx.response().closeHandler(v -> processor.finish(call, RequestRecord.CLIENT_CLOSED, Optional.empty()));
            delayed.schedule(reply.delay(), () -> {
                if (ctx.response().closed()) {
                    processor.finish(call, RequestRecord.CLIENT_CLOSED, Optional.empty());
                } else {
                    run(ctx, call, () -> reply.work().get().get());
                }
            });
        } else if (!reply.delay().isZero()) {
            delayed.schedule(reply.delay(), () -> send(ctx, call, reply.now()));
        } else {
            send(ctx, call, reply);
        }
    }

    /** Records the outcome first, so that a client holding the answer can already see it counted. */
    private void send(RoutingContext ctx, Call call, Reply reply) {
        processor.finish(call, reply.status(), reply.errorType());
        write(ctx, reply);
    }

    private static void write(RoutingContext ctx, Reply reply) {
        if (ctx.response().closed() || ctx.response().ended()) {
            return;
        }
        ctx.response().setStatusCode(reply.status()).putHeader(HttpHeaders.CONTENT_TYPE, JSON)
                .end(Buffer.buffer(SandboxJson.bytes(reply.body())));
    }

    private static SandboxRequest request(RoutingContext ctx, Endpoint endpoint, Optional<UploadBody> body) {
        return new SandboxRequest(endpoint, ctx.pathParam("counterId"), Optional.ofNullable(ctx.pathParam("id")),
                firstValues(ctx.queryParams(), UnaryOperator.identity(), CREDENTIAL_PARAMETERS),
                ctx.request().getHeader(HttpHeaders.AUTHORIZATION),
                ctx.request().remoteAddress().hostAddress(),
                firstValues(ctx.request().headers(), name -> name.toLowerCase(Locale.ROOT), CREDENTIAL_HEADERS), body);
    }

    /** The first value of each entry, credentials left out; header names lower-cased. */
    private static Map<String, String> firstValues(MultiMap entries, UnaryOperator<String> naming,
                                                   Set<String> credentials) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : entries.names()) {
            if (!credentials.contains(name.toLowerCase(Locale.ROOT))) {
                values.putIfAbsent(naming.apply(name), entries.get(name));
            }
        }
        return values;
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture()
                    .get(START_STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Metrica sandbox: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Metrica sandbox did not start or stop within " + START_STOP_TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
