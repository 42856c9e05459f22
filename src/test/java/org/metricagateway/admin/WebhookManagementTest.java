package org.metricagateway.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.metricagateway.support.ApiAssertions.assertError;
import static org.metricagateway.support.ApiAssertions.assertStatus;
import static org.metricagateway.support.ApiAssertions.assertViolations;
import static org.metricagateway.support.ApiAssertions.violation;

import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.metricagateway.support.AdminApi;
import org.metricagateway.support.Http;
import org.metricagateway.support.Ingest;
import org.metricagateway.support.Sql;
import org.metricagateway.support.Webhooks;
import org.metricagateway.support.Webhooks.CreatedWebhook;

/** Reading, listing, changing and deactivating webhooks, and what ingest makes of the changes. */
class WebhookManagementTest {

    @Test
    void readsOneWebhook() {
        CreatedWebhook created = Webhooks.create("read-me", 31, "lead", List.of("198.51.100.0/24"));
        JsonNode webhook = assertStatus(AdminApi.get("/api/webhooks/" + created.id()), 200);
        assertThat(webhook.get("id").asText()).isEqualTo(created.id());
        assertThat(webhook.get("name").asText()).isEqualTo("read-me");
        assertThat(webhook.get("counter_id").asLong()).isEqualTo(31);
        assertThat(webhook.get("default_target").asText()).isEqualTo("lead");
        assertThat(webhook.get("allowed_ips")).extracting(JsonNode::asText).containsExactly("198.51.100.0/24");
        assertThat(webhook.get("active").asBoolean()).isTrue();
        assertThat(created.ingestUrl()).endsWith(webhook.get("ingest_path").asText());
        assertThat(webhook.has("secret")).isFalse();
    }

    @Test
    void answers404ForUnknownAndMalformedIds() {
        for (String id : List.of(UUID.randomUUID().toString(), "not-a-uuid", "1")) {
            assertError(AdminApi.get("/api/webhooks/" + id), 404, "not_found");
            assertError(AdminApi.patch("/api/webhooks/" + id, Map.of("name", "x")), 404, "not_found");
            assertError(AdminApi.delete("/api/webhooks/" + id), 404, "not_found");
            assertError(AdminApi.post("/api/webhooks/" + id + "/rotate-secret"), 404, "not_found");
        }
    }

    @Test
    void listsWebhooksInCreationOrder() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(Webhooks.create("listed-" + i, 1, null).id());
        }
        JsonNode list = assertStatus(AdminApi.get("/api/webhooks"), 200).get("webhooks");
        List<String> listed = new ArrayList<>();
        list.forEach(webhook -> listed.add(webhook.get("id").asText()));
        assertThat(listed).containsSubsequence(ids);
        List<Instant> created = new ArrayList<>();
        list.forEach(webhook -> created.add(Instant.parse(webhook.get("created_at").asText())));
        assertThat(created).isSorted();
    }

    @Test
    void filtersTheListByActive() {
        String active = Webhooks.create("filter-active", 1, null).id();
        String inactive = Webhooks.create("filter-inactive", 1, null).id();
        assertStatus(AdminApi.delete("/api/webhooks/" + inactive), 200);

        JsonNode onlyActive = assertStatus(AdminApi.get("/api/webhooks?active=true"), 200).get("webhooks");
        JsonNode onlyInactive = assertStatus(AdminApi.get("/api/webhooks?active=false"), 200).get("webhooks");
        assertThat(onlyActive).allMatch(webhook -> webhook.get("active").asBoolean());
        assertThat(onlyInactive).noneMatch(webhook -> webhook.get("active").asBoolean());
        assertThat(onlyActive).extracting(webhook -> webhook.get("id").asText()).contains(active)
                .doesNotContain(inactive);
        assertThat(onlyInactive).extracting(webhook -> webhook.get("id").asText()).contains(inactive)
                .doesNotContain(active);
    }

    @Test
    void refusesAnActiveFilterThatIsNotABoolean() {
        for (String value : List.of("yes", "1", "TRUE", "")) {
            assertViolations(AdminApi.get("/api/webhooks?active=" + value),
                    violation("active", "must be true or false"));
        }
    }

    @Test
    void changesOnlyTheFieldsSent() {
        CreatedWebhook created = Webhooks.create("before", 55, "old-goal", List.of("10.0.0.0/8"));

        JsonNode renamed = assertStatus(AdminApi.patch("/api/webhooks/" + created.id(), Map.of("name", " after ")),
                200);
        assertThat(renamed.get("name").asText()).isEqualTo("after");
        assertThat(renamed.get("default_target").asText()).isEqualTo("old-goal");
        assertThat(renamed.get("allowed_ips")).extracting(JsonNode::asText).containsExactly("10.0.0.0/8");
        assertThat(renamed.get("counter_id").asLong()).isEqualTo(55);
        assertThat(Instant.parse(renamed.get("updated_at").asText()))
                .isAfter(Instant.parse(renamed.get("created_at").asText()));

        JsonNode retargeted = assertStatus(AdminApi.patch("/api/webhooks/" + created.id(),
                Map.of("default_target", "new-goal", "allowed_ips", List.of("192.0.2.0/24", "2001:db8::/32"))), 200);
        assertThat(retargeted.get("name").asText()).isEqualTo("after");
        assertThat(retargeted.get("default_target").asText()).isEqualTo("new-goal");
        assertThat(retargeted.get("allowed_ips")).extracting(JsonNode::asText)
                .containsExactly("192.0.2.0/24", "2001:db8::/32");

        JsonNode opened = assertStatus(AdminApi.patch("/api/webhooks/" + created.id(),
                Map.of("allowed_ips", List.of())), 200);
        assertThat(opened.get("allowed_ips")).isEmpty();
        assertThat(opened.get("default_target").asText()).isEqualTo("new-goal");
    }

    @Test
    void clearsTheDefaultTargetWithNull() {
        CreatedWebhook created = Webhooks.create("clear-target", 1, "goal");
        JsonNode cleared = assertStatus(AdminApi.patch("/api/webhooks/" + created.id(),
                AdminApi.body("default_target", null)), 200);
        assertThat(cleared.has("default_target")).isFalse();
        assertThat(Sql.value("SELECT default_target IS NULL FROM webhooks WHERE id = ?::uuid", created.id()))
                .isEqualTo(true);
    }

    @Test
    void emptyChangeKeepsEverything() {
        CreatedWebhook created = Webhooks.create("unchanged", 9, "goal", List.of("10.0.0.0/8"));
        JsonNode webhook = assertStatus(AdminApi.patch("/api/webhooks/" + created.id(), Map.of()), 200);
        assertThat(webhook.get("name").asText()).isEqualTo("unchanged");
        assertThat(webhook.get("default_target").asText()).isEqualTo("goal");
        assertThat(webhook.get("allowed_ips")).hasSize(1);
        assertThat(webhook.get("active").asBoolean()).isTrue();
    }

    @Test
    void refusesToChangeTheCounter() {
        CreatedWebhook created = Webhooks.create("fixed-counter", 77, null);
        assertViolations(AdminApi.patch("/api/webhooks/" + created.id(), Map.of("counter_id", 78, "name", "x")),
                violation("counter_id", "cannot be changed"));
        assertThat(Sql.row("SELECT counter_id, name FROM webhooks WHERE id = ?::uuid", created.id()).orElseThrow())
                .containsEntry("counter_id", 77L).containsEntry("name", "fixed-counter");
    }

    @Test
    void refusesInvalidChangesAllAtOnce() {
        CreatedWebhook created = Webhooks.create("invalid-change", 1, "goal");
        assertViolations(AdminApi.patch("/api/webhooks/" + created.id(), Map.of("name", "n".repeat(201),
                        "default_target", "", "allowed_ips", List.of("10.0.0.0/8", "10.1.2.3/8"), "id", "x",
                        "secret", "y")),
                violation("default_target",
                        "must be a non-blank string of at most 255 characters without control characters"),
                violation("id", "is not a known field"),
                violation("name", "must be a non-blank string of at most 200 characters without control characters"),
                violation("secret", "is not a known field"),
                violation(1, "allowed_ips", "has host bits set (use the network address)"));
        assertThat(Sql.value("SELECT name FROM webhooks WHERE id = ?::uuid", created.id())).isEqualTo("invalid-change");
    }

    @Test
    void refusesNullForFieldsThatCannotBeCleared() {
        CreatedWebhook created = Webhooks.create("no-nulls", 1, null);
        assertViolations(AdminApi.patch("/api/webhooks/" + created.id(), AdminApi.body("name", null)),
                violation("name", "has the wrong type: expected a string or a number"));
        assertViolations(AdminApi.patch("/api/webhooks/" + created.id(), AdminApi.body("active", null)),
                violation("active", "has the wrong type: expected a boolean"));
        assertViolations(AdminApi.patch("/api/webhooks/" + created.id(), AdminApi.body("allowed_ips", null)),
                violation("allowed_ips", "has the wrong type: expected an array"));
        assertViolations(AdminApi.patch("/api/webhooks/" + created.id(), Map.of("active", "maybe")),
                violation("active", "has the wrong type: expected a boolean"));
    }

    @Test
    void refusesChangeBodiesThatAreNotJsonObjects() {
        CreatedWebhook created = Webhooks.create("patch-body", 1, null);
        Http.Response notJson = Http.send(AdminApi.request("/api/webhooks/" + created.id())
                .header("Content-Type", "text/plain")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"name\":\"x\"}")));
        Http.Response malformed = Http.send(AdminApi.request("/api/webhooks/" + created.id())
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"name\":")));
        assertError(notJson, 415, "unsupported_media_type");
        assertError(malformed, 400, "malformed_json");
    }

    @Test
    void deactivatesAndReactivatesThroughChanges() {
        CreatedWebhook created = Webhooks.create("toggle", 1, "goal");

        JsonNode off = assertStatus(AdminApi.patch("/api/webhooks/" + created.id(), Map.of("active", false)), 200);
        assertThat(off.get("active").asBoolean()).isFalse();
        Instant deactivatedAt = Instant.parse(off.get("deactivated_at").asText());
        assertThat(ingest(created).status()).isEqualTo(404);

        JsonNode stillOff = assertStatus(AdminApi.patch("/api/webhooks/" + created.id(), Map.of("active", false)),
                200);
        assertThat(Instant.parse(stillOff.get("deactivated_at").asText())).isEqualTo(deactivatedAt);

        JsonNode on = assertStatus(AdminApi.patch("/api/webhooks/" + created.id(), Map.of("active", true)), 200);
        assertThat(on.get("active").asBoolean()).isTrue();
        assertThat(on.has("deactivated_at")).isFalse();
        assertThat(Sql.value("SELECT deactivated_at IS NULL FROM webhooks WHERE id = ?::uuid", created.id()))
                .isEqualTo(true);
        assertThat(ingest(created).status()).isEqualTo(202);
    }

    @Test
    void appliesAllowedIpsToIngestAtOnce() {
        CreatedWebhook created = Webhooks.create("ip-change", 1, "goal");
        assertThat(ingest(created).status()).isEqualTo(202);

        assertStatus(AdminApi.patch("/api/webhooks/" + created.id(), Map.of("allowed_ips", List.of("203.0.113.0/24"))),
                200);
        assertError(ingest(created), 403, "ip_not_allowed");

        assertStatus(AdminApi.patch("/api/webhooks/" + created.id(), Map.of("allowed_ips", List.of("127.0.0.0/8"))),
                200);
        assertThat(ingest(created).status()).isEqualTo(202);
    }

    @Test
    void deleteDeactivatesAndKeepsTheHistory() {
        CreatedWebhook created = Webhooks.create("to-delete", 1, "goal");
        Http.Response stored = ingest(created);
        assertThat(stored.status()).isEqualTo(202);

        JsonNode deleted = assertStatus(AdminApi.delete("/api/webhooks/" + created.id()), 200);
        assertThat(deleted.get("id").asText()).isEqualTo(created.id());
        assertThat(deleted.get("active").asBoolean()).isFalse();
        Instant deactivatedAt = Instant.parse(deleted.get("deactivated_at").asText());

        assertError(ingest(created), 404, "webhook_not_found");
        assertThat(Sql.row("SELECT active FROM webhooks WHERE id = ?::uuid", created.id())).isPresent();
        assertThat(Sql.value("SELECT count(*) FROM webhook_conversions WHERE webhook_id = ?::uuid", created.id()))
                .isEqualTo(1L);
        assertStatus(AdminApi.get("/api/webhooks/" + created.id()), 200);
        assertThat(assertStatus(AdminApi.get("/api/webhooks/" + created.id() + "/conversions"), 200)
                .get("conversions")).hasSize(1);

        JsonNode again = assertStatus(AdminApi.delete("/api/webhooks/" + created.id()), 200);
        assertThat(Instant.parse(again.get("deactivated_at").asText())).isEqualTo(deactivatedAt);
    }

    @Test
    void theDatabaseRefusesToDeleteAWebhookRowSoItsConversionsKeepTheirWebhook() {
        CreatedWebhook created = Webhooks.create("never-deleted", 12345, null);
        assertThatThrownBy(() -> Sql.update("DELETE FROM webhooks WHERE id = ?::uuid", created.id()))
                .hasMessageContaining("webhooks are never deleted");
        assertThat(Sql.row("SELECT id FROM webhooks WHERE id = ?::uuid", created.id())).isPresent();
    }

    private static Http.Response ingest(CreatedWebhook webhook) {
        return Ingest.post(webhook.ingestUrl(), webhook.secret(),
                Ingest.conversion(System.nanoTime()));
    }
}
