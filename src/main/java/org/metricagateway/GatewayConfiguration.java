package org.metricagateway;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import jakarta.validation.ValidatorFactory;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.LifecycleStrategySupport;
import org.apache.camel.support.service.ServiceSupport;
import org.metricagateway.adapters.AdapterBodies;
import org.metricagateway.adapters.AdapterCatalog;
import org.metricagateway.adapters.CrmConversions;
import org.metricagateway.admin.AdminAuthenticator;
import org.metricagateway.admin.AdminPathIds;
import org.metricagateway.admin.AdminToken;
import org.metricagateway.admin.BatchViews;
import org.metricagateway.admin.ChosenSecrets;
import org.metricagateway.admin.Bitrix24FetchViews;
import org.metricagateway.admin.ConversionViews;
import org.metricagateway.admin.JsonBodyReader;
import org.metricagateway.admin.NewWebhook;
import org.metricagateway.admin.QueryParameters;
import org.metricagateway.admin.RequestViews;
import org.metricagateway.admin.StoredAdapters;
import org.metricagateway.admin.WebhookChanges;
import org.metricagateway.admin.WebhookColumns;
import org.metricagateway.admin.WebhookPreviews;
import org.metricagateway.admin.WebhookViews;
import org.metricagateway.admin.validation.AdminValidatorFactory;
import org.metricagateway.batching.BatchClaimer;
import org.metricagateway.bitrix24.Bitrix24Events;
import org.metricagateway.bitrix24.Bitrix24Fetches;
import org.metricagateway.bitrix24.Bitrix24Metrics;
import org.metricagateway.config.Bitrix24Config;
import org.metricagateway.retry.ExponentialBackoff;
import org.metricagateway.batching.ConversionGroups;
import org.metricagateway.config.GatewaySettings;
import org.metricagateway.config.RequestSettings;
import org.metricagateway.database.Database;
import org.metricagateway.database.DatabaseHealthCheck;
import org.metricagateway.database.DatabaseService;
import org.metricagateway.ingest.ClientAddressResolver;
import org.metricagateway.ingest.ConversionWriter;
import org.metricagateway.ingest.IngestMetrics;
import org.metricagateway.ingest.IngestRequestReader;
import org.metricagateway.ingest.PresentedSecrets;
import org.metricagateway.ingest.WebhookAuthenticator;
import org.metricagateway.ingest.validation.EventTimeRules;
import org.metricagateway.ingest.validation.IngestValidatorFactory;
import org.metricagateway.metrica.BatchUploads;
import org.metricagateway.metrica.MetricaGate;
import org.metricagateway.metrica.MetricaRequests;
import org.metricagateway.metrica.MetricaTokens;
import org.metricagateway.metrica.UploadRetryPolicy;
import org.metricagateway.requests.RawRequestCapture;
import org.metricagateway.sandbox.MetricaSandbox;
import org.metricagateway.sandbox.SandboxLauncher;
import org.metricagateway.status.DeliveryGauges;
import org.metricagateway.status.PollSchedule;
import org.metricagateway.status.QuartzClustering;
import org.metricagateway.status.StatusPolls;
import org.metricagateway.web.ErrorResponder;
import org.metricagateway.web.Json;
import org.metricagateway.web.RequestCorrelation;
import org.metricagateway.webhooks.WebhookActivityGauges;
import org.metricagateway.webhooks.WebhookDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: opens the database (running migrations) before any route starts, then binds the beans the
 * YAML routes call by name. Bean names here are the ones used in routes/*.yaml.
 */
public final class GatewayConfiguration implements CamelConfiguration {
    /** Metrica's API, used when a token is configured and METRICA_API_URL is not. */
    static final String METRICA_API = "https://api-metrika.yandex.net";
    private static final Logger LOG = LoggerFactory.getLogger(GatewayConfiguration.class);

    @Override
    public void configure(CamelContext context) throws Exception {
        GatewaySettings settings = GatewaySettings.from(context.getPropertiesComponent());
        Clock clock = Clock.systemUTC();
        Registry registry = context.getRegistry();

        Database database = Database.open(settings);
        context.addService(new DatabaseService(database));
        registry.bind("dataSource", database.dataSource());
        HealthCheckRegistry health = HealthCheckRegistry.get(context);
        health.register(new DatabaseHealthCheck(database.dataSource()));

        PrometheusMeterRegistry meters = meterRegistry(registry);
        ReadinessGauge.register(context, meters);
        database.publishMetrics(meters);
        bindVertx(context, settings);

        registry.bind("jsonMapper", Json.MAPPER);
        registry.bind("errorResponder", new ErrorResponder(meters));
        registry.bind("requestCorrelation", new RequestCorrelation());
        registry.bind("adminAuthenticator", new AdminAuthenticator(AdminToken.resolve(settings, System.out)));

        WebhookDirectory webhooks = new WebhookDirectory(database.dataSource(), settings.webhookCacheTtl(), clock);
        registry.bind("webhookDirectory", webhooks);
        registry.bind("webhookActivityGauges", new WebhookActivityGauges(meters));
        IngestMetrics ingestMetrics = new IngestMetrics(meters);
        AdapterCatalog adapters = bindAdapters(context);
        registry.bind("webhookAuthenticator", new WebhookAuthenticator(webhooks,
                new ClientAddressResolver(settings.trustedProxies()), ingestMetrics, clock,
                new PresentedSecrets(adapters)));
        registry.bind("ingestRequestReader", new IngestRequestReader(settings.ingestMaxConversions()));
        ValidatorFactory ingestValidation = IngestValidatorFactory.create(
                new EventTimeRules(settings.ingestClockSkew(), settings.ingestAttributionWindow()), clock);
        registry.bind("ingestValidatorFactory", ingestValidation);
        ConversionWriter writer = new ConversionWriter(database.dataSource(), ingestMetrics,
                settings.ingestWriteBatchMaxRows(), settings.ingestWriterThreads(), settings.ingestCopyMinRows(),
                settings.databaseConnectionTimeout().plus(settings.databaseStatementTimeout())
                        .plus(Duration.ofSeconds(1)));
        context.addService(writer);
        registry.bind("conversionWriter", writer);

        registry.bind("conversionGroups", new ConversionGroups(settings.batchMaxSize()));
        registry.bind("batchClaimer", new BatchClaimer(database.dataSource()));

        bindDelivery(context, settings, database.dataSource(), meters, clock);
        bindBitrix24(context, Bitrix24Config.from(context.getPropertiesComponent()), database.dataSource(), webhooks,
                meters, clock);
        bindAdminApi(registry, adapters);
        registry.bind("storedAdapters", new StoredAdapters(webhooks));
        registry.bind("webhookPreviews", new WebhookPreviews(webhooks, ingestValidation));
    }

    /**
     * The beans of routes/adapters/*.yaml and of the raw request store (webhook_requests), and the catalog of
     * webhook formats that ingest and the admin API consult.
     */
    private static AdapterCatalog bindAdapters(CamelContext context) {
        Registry registry = context.getRegistry();
        RequestSettings requests = RequestSettings.from(context.getPropertiesComponent());
        AdapterCatalog adapters = AdapterCatalog.withBuiltIns(context);
        registry.bind("adapterCatalog", adapters);
        registry.bind("adminValidatorFactory", AdminValidatorFactory.create(adapters));
        registry.bind("adapterBodies", new AdapterBodies());
        registry.bind("crmConversions", new CrmConversions());
        registry.bind("rawRequestCapture", new RawRequestCapture(requests.maxBodyBytes(), requests.strippedFields()));
        return adapters;
    }

    /**
     * The beans of upload.yaml, metrica-client.yaml and status-polling.yaml. Where uploads go: METRICA_API_URL
     * when set; else the real API when a token is configured; else a local Metrica sandbox, started here.
     */
    private static void bindDelivery(CamelContext context, GatewaySettings settings, DataSource dataSource,
                                     PrometheusMeterRegistry meters, Clock clock) throws Exception {
        MetricaTokens tokens = MetricaTokens.from(settings.metricaToken(), settings.metricaTokens(), System.getenv());
        String apiUrl;
        if (settings.metricaApiUrl().isPresent()) {
            apiUrl = settings.metricaApiUrl().get();
        } else if (!tokens.isEmpty()) {
            apiUrl = METRICA_API;
        } else {
            MetricaSandbox sandbox = SandboxLauncher.startForLocalRun(settings);
            context.addService(new ServiceSupport() {
                @Override
                protected void doStop() {
                    sandbox.stop();
                }
            });
            apiUrl = sandbox.baseUrl();
            tokens = new MetricaTokens(Map.of(), Optional.of(settings.metricaSandboxToken()));
        }
        if (tokens.isEmpty()) {
            LOG.warn("No Metrica token is configured: uploads to {} will fail until METRICA_TOKEN is set", apiUrl);
        }
        context.getPropertiesComponent().addOverrideProperty("metrica.api-url", apiUrl);

        Registry registry = context.getRegistry();
        PollSchedule schedule = PollSchedule.parse(settings.statusPollIntervalsSeconds(), settings.statusMaxAge());
        MetricaRequests requests = new MetricaRequests(dataSource);
        BatchUploads uploads = new BatchUploads(dataSource, settings.uploadLease(), schedule.after(0), clock, meters);
        registry.bind("metricaGate", new MetricaGate(dataSource, tokens, settings.metricaDailyRequestBudget(),
                settings.metricaMaxRequestsInFlight(), settings.metricaSlotWait(), clock, meters));
        registry.bind("metricaRequests", requests);
        registry.bind("batchUploads", uploads);
        registry.bind("uploadRetryPolicy", new UploadRetryPolicy(uploads, settings.uploadMaxAttempts(),
                settings.uploadMaxRetryDuration(), settings.uploadInitialBackoff(), settings.uploadMaxBackoff(),
                clock));
        registry.bind("statusPolls", new StatusPolls(dataSource, requests, schedule, clock, meters));
        registry.bind("batchViews", new BatchViews());
        registry.bind("deliveryGauges", new DeliveryGauges(dataSource, meters, tokens.tokenIds(),
                settings.metricaDailyRequestBudget()));
        QuartzClustering.configure(context, dataSource, settings.statusSchedulerName(),
                settings.statusClusterCheckinInterval().toMillis());
    }

    /**
     * The beans of routes/adapters/bitrix24-fetches.yaml, and the camel-http component its crm.deal.get calls use:
     * a component of their own, so that a slow portal gets Bitrix24's timeouts, not the two minutes Metrica's
     * uploads are allowed.
     */
    private static void bindBitrix24(CamelContext context, Bitrix24Config config, DataSource dataSource,
                                     WebhookDirectory webhooks, PrometheusMeterRegistry meters, Clock clock) {
        HttpComponent rest = new HttpComponent();
        rest.setConnectTimeout(config.connectTimeout().toMillis());
        rest.setConnectionRequestTimeout(config.connectTimeout().toMillis());
        rest.setResponseTimeout(config.responseTimeout().toMillis());
        rest.setSoTimeout(config.responseTimeout().toMillis());
        // The fetch schedule owns retries (with backoff); HttpClient would otherwise resend on 503/429 at once.
        rest.setAutomaticRetriesDisabled(true);
        context.addComponent("bitrix24-rest", rest);
        Bitrix24Metrics metrics = new Bitrix24Metrics(meters, dataSource);
        Registry registry = context.getRegistry();
        registry.bind("bitrix24Metrics", metrics);
        registry.bind("bitrix24Events", new Bitrix24Events(dataSource));
        registry.bind("bitrix24Fetches", new Bitrix24Fetches(dataSource, webhooks, metrics,
                new ExponentialBackoff(config.initialBackoff(), config.maxBackoff()), config.fetchMaxAttempts(),
                config.fetchMaxAge(), clock));
    }

    /** The beans of routes/admin-webhooks.yaml and routes/admin-conversions.yaml (adminAuthenticator is above). */
    private static void bindAdminApi(Registry registry, AdapterCatalog adapters) {
        registry.bind("newWebhookReader", new JsonBodyReader<>(NewWebhook.class));
        registry.bind("webhookChangesReader", new JsonBodyReader<>(WebhookChanges.class));
        registry.bind("webhookColumns", new WebhookColumns());
        registry.bind("webhookViews", new WebhookViews(adapters));
        registry.bind("chosenSecrets", new ChosenSecrets());
        registry.bind("adminPathIds", new AdminPathIds());
        registry.bind("queryParameters", new QueryParameters());
        registry.bind("conversionViews", new ConversionViews());
        registry.bind("requestViews", new RequestViews());
        registry.bind("bitrix24FetchViews", new Bitrix24FetchViews());
    }

    /** The registry camel-micrometer-prometheus scrapes on the management port (it may have created it already). */
    private static PrometheusMeterRegistry meterRegistry(Registry registry) {
        PrometheusMeterRegistry meters = registry.lookupByNameAndType(MicrometerConstants.METRICS_REGISTRY_NAME,
                PrometheusMeterRegistry.class);
        if (meters == null) {
            meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            registry.bind(MicrometerConstants.METRICS_REGISTRY_NAME, meters);
        }
        return meters;
    }

    /**
     * platform-http runs every exchange on a Vert.x worker thread that waits for the database; the default pool of
     * 20 would cap the requests in flight (and so the size of a group commit) too low.
     */
    private static void bindVertx(CamelContext context, GatewaySettings settings) throws Exception {
        Vertx vertx = Vertx.vertx(new VertxOptions().setWorkerPoolSize(settings.httpWorkerThreads()));
        context.getRegistry().bind("vertx", vertx);
        // Closed only once the whole context (and with it both HTTP servers) has stopped.
        context.addLifecycleStrategy(new LifecycleStrategySupport() {
            @Override
            public void onContextStopped(CamelContext stopped) {
                vertx.close();
            }
        });
    }
}
