package org.metricagateway.adapters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.metricagateway.support.ApiAssertions.assertStatus;
import static org.metricagateway.support.ApiAssertions.assertViolations;
import static org.metricagateway.support.ApiAssertions.violation;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.metricagateway.support.AdminApi;
import org.metricagateway.support.Fixtures;
import org.metricagateway.support.Http;
import org.metricagateway.support.Ingest;
import org.metricagateway.support.Senders;
import org.metricagateway.support.Sql;
import org.metricagateway.support.TestGateway;
import org.metricagateway.support.Webhooks.CreatedWebhook;

/**
 * A new CRM is supported by one more YAML file in the adapters directory, without Java: a gateway started with an
 * extra routes directory holding adapter-tilda.yaml accepts webhooks of format "tilda" and their forms.
 */
class CustomAdapterTest {
    private static final Map<String, Object> SETTINGS = Map.of(
            "targets", Map.of("form512345678", "callback_ordered"), "default_target", "form_sent");
    private static TestGateway gateway;

    @BeforeAll
    static void startWithTheNewAdapterFile() throws IOException {
        Path adapters = Files.createTempDirectory(Path.of("target"), "adapters-");
        try (InputStream route = CustomAdapterTest.class.getResourceAsStream("/fixtures/tilda/adapter-tilda.yaml")) {
            Files.copy(route, adapters.resolve("tilda.yaml"));
        }
        gateway = TestGateway.start(Map.of(
                "database.url", TestGateway.get().jdbcUrl(),
                "camel.main.routes-include-pattern", "file:routes/*.yaml,file:routes/adapters/*.yaml,file:"
                        + adapters.toAbsolutePath() + "/*.yaml"));
    }

    @AfterAll
    static void stop() {
        gateway.stop();
    }

    private static Http.Response createWebhook(Object settings) {
        return Http.send(Http.request(gateway.baseUrl() + "/api/webhooks")
                .header("Authorization", "Bearer " + TestGateway.ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Http.json(AdminApi.body(
                        "name", "Tilda forms", "counter_id", 44005, "format", "tilda", "settings", settings)))));
    }

    private static CreatedWebhook tildaWebhook() {
        JsonNode created = assertStatus(createWebhook(SETTINGS), 201);
        return new CreatedWebhook(created.get("id").asText(), created.get("secret").asText(),
                gateway.baseUrl() + created.get("ingest_path").asText());
    }

    @Test
    void theCustomAdapterTurnsItsFormsIntoConversions() {
        CreatedWebhook webhook = tildaWebhook();

        JsonNode answer = assertStatus(Senders.post(webhook, Senders.FORM,
                Fixtures.form("tilda/order-form.form", Instant.now())), 202);

        assertThat(answer.get("accepted").asInt()).isEqualTo(1);
        assertThat(answer.get("ignored").asInt()).isZero();
        assertThat(Sql.row("""
                SELECT client_id::text AS client_id, target, external_id FROM webhook_conversions
                 WHERE webhook_id = ?::uuid""", webhook.id()).orElseThrow())
                .containsEntry("client_id", "1700000000246813579").containsEntry("target", "callback_ordered")
                .containsEntry("external_id", "4512345:7123456");
    }

    @Test
    void whatTheCustomAdapterIgnoresIsCounted() {
        CreatedWebhook webhook = tildaWebhook();

        JsonNode answer = assertStatus(Senders.post(webhook, Senders.FORM, "test=test"), 202);

        assertThat(answer.toString()).isEqualTo("{\"accepted\":0,\"duplicates\":0,\"ids\":[],\"ignored\":1}");
    }

    @Test
    void aCustomAdaptersSettingsAreFreeFormButAnObject() {
        assertViolations(createWebhook("form512345678=callback_ordered"),
                violation("settings", "must be a JSON object"));
    }

    @Test
    void anAdapterMayTakeTheSecretFromAFormFieldAndItIsNeverStored() {
        // What a built-in adapter declares in AdapterCatalog (Bitrix24: auth[application_token]); registered here on
        // this test's own gateway, for its Tilda adapter.
        gateway.camel().getRegistry().lookupByNameAndType("adapterCatalog", AdapterCatalog.class)
                .register(Adapter.custom("tilda").withSecretFormField("auth[application_token]"));
        CreatedWebhook webhook = tildaWebhook();
        String form = Fixtures.form("tilda/order-form.form", Instant.now()) + "&auth%5Bapplication_token%5D=";
        HttpRequest.Builder withoutHeader = Http.request(webhook.ingestUrl()).header("Content-Type", Senders.FORM);

        assertStatus(Http.send(Http.request(webhook.ingestUrl()).header("Content-Type", Senders.FORM)
                .POST(HttpRequest.BodyPublishers.ofString(form + "wrong"))), 401);
        assertStatus(Http.send(withoutHeader.POST(HttpRequest.BodyPublishers.ofString(form + webhook.secret()))),
                202);

        assertThat(Ingest.storedCount(webhook)).isEqualTo(1);
        assertThat((String) Sql.value("SELECT body FROM webhook_requests WHERE webhook_id = ?::uuid", webhook.id()))
                .contains("tranid=").doesNotContain("application_token").doesNotContain(webhook.secret());
    }

    @Test
    void aGatewayWithoutTheFileDoesNotKnowTheFormat() {
        assertThat(AdminApi.post("/api/webhooks", AdminApi.body("name", "Tilda", "counter_id", 44005,
                "format", "tilda", "settings", SETTINGS)).json().get("violations").get(0).get("field").asText())
                .isEqualTo("format");
    }
}
