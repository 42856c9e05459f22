package org.metricagateway.bitrix24;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What Bitrix24 sends and answers, as captured from a portal: the outbound webhook's form-encoded event (one deal
 * per POST, PHP-style keys, the application token under auth[]) and crm.deal.get's deal, with Cyrillic values and
 * the optional fields a deal often leaves empty. Times are made recent so that the attribution window holds.
 */
final class Bitrix24Payloads {
    static final String APPLICATION_TOKEN = "s8u9w7tqk1b2yq3z5h0x4c6n2m1a7e9r";
    static final String CLIENT_ID_FIELD = "UF_CRM_1700000000001";
    static final String CLIENT_ID = "133591247640966458";
    private static final DateTimeFormatter BITRIX_TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME
            .withZone(ZoneOffset.ofHours(3));

    private Bitrix24Payloads() {
    }

    /** The outbound webhook's POST body: event, data[FIELDS][ID], ts and auth[...], url-encoded. */
    static String event(String event, long dealId, String applicationToken) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("event", event);
        form.put("event_handler_id", "13");
        form.put("data[FIELDS][ID]", Long.toString(dealId));
        form.put("ts", Long.toString(Instant.now().getEpochSecond()));
        form.put("auth[domain]", "example.bitrix24.ru");
        form.put("auth[client_endpoint]", "https://example.bitrix24.ru/rest/");
        form.put("auth[server_endpoint]", "https://oauth.bitrix.info/rest/");
        form.put("auth[member_id]", "a223c6b3710f85df22e9377d6c4f7553");
        form.put("auth[application_token]", applicationToken);
        return form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    /** A won deal of the main pipeline, with its ClientId field filled by the site's form. */
    static Map<String, Object> wonDeal(long id) {
        Map<String, Object> deal = new LinkedHashMap<>();
        String created = time(Instant.now().minusSeconds(86_400));
        String moved = time(Instant.now().minusSeconds(3_600));
        deal.put("ID", Long.toString(id));
        deal.put("TITLE", "Сделка #" + id + ": Кухонный гарнитур «Прованс»");
        deal.put("TYPE_ID", "SALE");
        deal.put("STAGE_ID", "WON");
        deal.put("PROBABILITY", null);
        deal.put("CURRENCY_ID", "RUB");
        deal.put("OPPORTUNITY", "15000.00");
        deal.put("IS_MANUAL_OPPORTUNITY", "N");
        deal.put("TAX_VALUE", "0.00");
        deal.put("LEAD_ID", null);
        deal.put("COMPANY_ID", "0");
        deal.put("CONTACT_ID", "4");
        deal.put("BEGINDATE", created);
        deal.put("CLOSEDATE", moved);
        deal.put("ASSIGNED_BY_ID", "1");
        deal.put("DATE_CREATE", created);
        deal.put("DATE_MODIFY", moved);
        deal.put("MOVED_TIME", moved);
        deal.put("OPENED", "Y");
        deal.put("CLOSED", "Y");
        deal.put("COMMENTS", "Клиент просил доставку после 18:00");
        deal.put("CATEGORY_ID", "0");
        deal.put("STAGE_SEMANTIC_ID", "S");
        deal.put("SOURCE_ID", "WEB");
        deal.put("UTM_SOURCE", "yandex");
        deal.put("UTM_MEDIUM", "cpc");
        deal.put(CLIENT_ID_FIELD, CLIENT_ID);
        return deal;
    }

    static Map<String, Object> withField(Map<String, Object> deal, String field, Object value) {
        Map<String, Object> changed = new LinkedHashMap<>(deal);
        changed.put(field, value);
        return changed;
    }

    static Map<String, Object> withoutField(Map<String, Object> deal, String field) {
        Map<String, Object> changed = new LinkedHashMap<>(deal);
        changed.remove(field);
        return changed;
    }

    static String time(Instant instant) {
        return BITRIX_TIME.format(instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
