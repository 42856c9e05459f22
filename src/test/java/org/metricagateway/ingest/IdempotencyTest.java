package org.metricagateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.metricagateway.support.Http;
import org.metricagateway.support.Ingest;
import org.metricagateway.support.TestGateway;
import org.metricagateway.support.Webhooks;
import org.metricagateway.support.Webhooks.CreatedWebhook;

class IdempotencyTest {

    @Test
    void aRepeatedRequestStoresNothingNewAndReturnsTheSameIds() {
        CreatedWebhook webhook = Webhooks.create("dup-repeat", 104, null);
        List<Map<String, Object>> body = List.of(Ingest.conversion(1), Ingest.conversion(2));
        JsonNode first = Ingest.post(webhook, body).json();
        JsonNode second = Ingest.post(webhook, body).json();
        assertThat(first.get("accepted").asInt()).isEqualTo(2);
        assertThat(second.get("accepted").asInt()).isZero();
        assertThat(second.get("duplicates").asInt()).isEqualTo(2);
        assertThat(second.get("ids")).isEqualTo(first.get("ids"));
        assertThat(Ingest.storedCount(webhook)).isEqualTo(2);
    }

    @Test
    void duplicatesWithinOneRequestAreStoredOnce() {
        CreatedWebhook webhook = Webhooks.create("dup-within", 104, null);
        Map<String, Object> conversion = Ingest.conversion(5);
        JsonNode answer = Ingest.post(webhook, List.of(conversion, Ingest.conversion(6), conversion)).json();
        assertThat(answer.get("accepted").asInt()).isEqualTo(2);
        assertThat(answer.get("duplicates").asInt()).isEqualTo(1);
        assertThat(answer.get("ids").get(0)).isEqualTo(answer.get("ids").get(2));
        assertThat(Ingest.storedCount(webhook)).isEqualTo(2);
    }

    @Test
    void theExternalIdDecidesWhenGiven() {
        CreatedWebhook webhook = Webhooks.create("dup-external", 104, null);
        Map<String, Object> first = Ingest.conversion(10);
        first.put("external_id", "lead-1");
        Map<String, Object> changed = Ingest.conversion(11);
        changed.put("external_id", "lead-1");
        Map<String, Object> sameDataOtherId = Ingest.conversion(10);
        sameDataOtherId.put("date_time", first.get("date_time"));
        sameDataOtherId.put("external_id", "lead-2");

        assertThat(Ingest.post(webhook, first).json().get("accepted").asInt()).isEqualTo(1);
        assertThat(Ingest.post(webhook, changed).json().get("duplicates").asInt()).isEqualTo(1);
        assertThat(Ingest.post(webhook, sameDataOtherId).json().get("accepted").asInt()).isEqualTo(1);
        assertThat(Ingest.storedCount(webhook)).isEqualTo(2);
    }

    @Test
    void withoutExternalIdIdentifiersTargetAndTimeDecide() {
        CreatedWebhook webhook = Webhooks.create("dup-identity", 104, null);
        Map<String, Object> base = Ingest.conversion(20);
        Map<String, Object> samePriceChanged = new java.util.LinkedHashMap<>(base);
        samePriceChanged.put("price", "5");
        samePriceChanged.put("currency", "RUB");
        Map<String, Object> otherTime = new java.util.LinkedHashMap<>(base);
        otherTime.put("date_time", ((Long) base.get("date_time")) - 1);
        Map<String, Object> otherTarget = new java.util.LinkedHashMap<>(base);
        otherTarget.put("target", "another_goal");

        JsonNode answer = Ingest.post(webhook, List.of(base, samePriceChanged, otherTime, otherTarget)).json();
        assertThat(answer.get("accepted").asInt()).isEqualTo(3);
        assertThat(answer.get("duplicates").asInt()).isEqualTo(1);
    }

    @Test
    void duplicatesAreJudgedPerWebhook() {
        CreatedWebhook one = Webhooks.create("dup-one", 104, null);
        CreatedWebhook two = Webhooks.create("dup-two", 104, null);
        Map<String, Object> conversion = Ingest.conversion(30);
        assertThat(Ingest.post(one, conversion).json().get("accepted").asInt()).isEqualTo(1);
        assertThat(Ingest.post(two, conversion).json().get("accepted").asInt()).isEqualTo(1);
    }

    @Test
    void concurrentOverlappingRequestsStoreEveryConversionExactlyOnce() throws Exception {
        CreatedWebhook webhook = Webhooks.create("dup-concurrent", 104, null);
        int distinct = 200;
        List<Map<String, Object>> pool = IngestBodyTest.conversions(distinct, 1_000_000);
        int clients = 8;
        int requestsPerClient = 15;
        ExecutorService executor = Executors.newFixedThreadPool(clients);
        List<Future<List<JsonNode>>> results = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            Callable<List<JsonNode>> task = () -> {
                List<JsonNode> answers = new ArrayList<>();
                for (int r = 0; r < requestsPerClient; r++) {
                    // Overlapping windows of 40 conversions, so that concurrent requests share rows.
                    int start = ((client * 7 + r * 13) % distinct);
                    List<Map<String, Object>> body = new ArrayList<>();
                    for (int i = 0; i < 40; i++) {
                        body.add(pool.get((start + i) % distinct));
                    }
                    Http.Response response = Ingest.post(webhook, body);
                    assertThat(response.status()).as(response.body()).isEqualTo(202);
                    answers.add(response.json());
                }
                return answers;
            };
            results.add(executor.submit(task));
        }
        executor.shutdown();
        assertThat(executor.awaitTermination(2, TimeUnit.MINUTES)).isTrue();

        int accepted = 0;
        Set<Long> ids = new HashSet<>();
        for (Future<List<JsonNode>> result : results) {
            for (JsonNode answer : result.get()) {
                accepted += answer.get("accepted").asInt();
                answer.get("ids").forEach(id -> ids.add(id.asLong()));
            }
        }
        long covered = coveredConversions(clients, requestsPerClient, distinct);
        assertThat(Ingest.storedCount(webhook)).isEqualTo(covered);
        assertThat(accepted).as("each stored row was reported accepted exactly once").isEqualTo((int) covered);
        assertThat(ids).hasSize((int) covered);
        try (var c = TestGateway.get().connection(); var s = c.createStatement();
             var rs = s.executeQuery("SELECT count(*) FROM (SELECT client_id FROM webhook_conversions WHERE"
                     + " webhook_id = '" + webhook.id() + "' GROUP BY client_id HAVING count(*) > 1) d")) {
            rs.next();
            assertThat(rs.getLong(1)).as("no conversion stored twice").isZero();
        }
    }

    private static long coveredConversions(int clients, int requestsPerClient, int distinct) {
        Set<Integer> covered = new HashSet<>();
        for (int client = 0; client < clients; client++) {
            for (int r = 0; r < requestsPerClient; r++) {
                int start = ((client * 7 + r * 13) % distinct);
                for (int i = 0; i < 40; i++) {
                    covered.add((start + i) % distinct);
                }
            }
        }
        return covered.size();
    }
}
