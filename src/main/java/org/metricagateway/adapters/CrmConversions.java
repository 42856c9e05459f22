package org.metricagateway.adapters;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Variable;
import org.metricagateway.web.Json;

/**
 * The step shared by the built-in CRM adapters: turns CRM events (what an adapter route's jq extracted from the
 * payload) into canonical conversions with the webhook's {@link CrmSettings}. A CRM event is
 * <pre>{"id": "7", "status": "142", "pipeline": "3", "date_time": 1700000000, "price": "1500", "currency": "RUB",
 *  "fields": {"512345": "1700000000123456789", "ClientID": "1700000000123456789"}}</pre>
 * ({@code pipeline}, {@code price}, {@code currency} optional; {@code fields} holds custom fields by id and by
 * name). The goal is {@code status_targets["pipeline:status"]}, else {@code status_targets["status"]}; an event in
 * any other status, or without any identifier, is ignored and counted. The external id is {@code <id>:<status>}:
 * one conversion per entity and goal, however often the CRM repeats the event.
 */
public final class CrmConversions {
    public static final String SETTINGS_VARIABLE = "adapterSettings";
    private static final Pattern LOCAL_TIME = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9]{2}:[0-9]{2}:[0-9]{2}");

    public ObjectNode map(JsonNode events, @Variable(SETTINGS_VARIABLE) JsonNode settingsJson)
            throws JsonProcessingException {
        CrmSettings settings = Json.MAPPER.treeToValue(settingsJson, CrmSettings.class);
        ArrayNode conversions = Json.MAPPER.createArrayNode();
        int ignored = 0;
        for (JsonNode event : events == null || events.isNull() ? Json.MAPPER.createArrayNode() : events) {
            ObjectNode conversion = conversion(event, settings);
            if (conversion == null) {
                ignored++;
            } else {
                conversions.add(conversion);
            }
        }
        ObjectNode result = Json.MAPPER.createObjectNode();
        result.set("conversions", conversions);
        result.put("ignored", ignored);
        return result;
    }

    private static ObjectNode conversion(JsonNode event, CrmSettings settings) {
        String status = Json.text(event.get("status"));
        String target = target(settings, Json.text(event.get("pipeline")), status);
        if (target == null) {
            return null;
        }
        JsonNode fields = event.path("fields");
        ObjectNode conversion = Json.MAPPER.createObjectNode();
        putText(conversion, "client_id", field(fields, settings.getClientIdField()));
        putText(conversion, "yclid", field(fields, settings.getYclidField()));
        putText(conversion, "user_id", field(fields, settings.getUserIdField()));
        if (conversion.isEmpty()) {
            return null;
        }
        conversion.put("target", target);
        putText(conversion, "date_time", eventTime(Json.text(event.get("date_time")), settings.getTimeZone()));
        String price = settings.getPriceField() == null ? Json.text(event.get("price"))
                : field(fields, settings.getPriceField());
        if (putText(conversion, "price", price)) {
            String currency = Json.text(event.get("currency"));
            conversion.put("currency", currency == null ? settings.getCurrency() : currency);
        }
        String id = Json.text(event.get("id"));
        if (id != null) {
            conversion.put("external_id", id + ":" + status);
        }
        return conversion;
    }

    /**
     * A time without an offset ("2026-11-20 10:15:30", as RetailCRM and Bitrix24 write them) is read in the account's
     * time_zone and passed on as Unix seconds; anything else is passed on as sent, for the validator to judge.
     */
    private static String eventTime(String time, String zone) {
        if (time == null || zone == null || !LOCAL_TIME.matcher(time).matches()) {
            return time;
        }
        return Long.toString(LocalDateTime.parse(time.replace(' ', 'T')).atZone(ZoneId.of(zone.trim()))
                .toEpochSecond());
    }

    private static String target(CrmSettings settings, String pipeline, String status) {
        if (status == null) {
            return null;
        }
        String target = pipeline == null ? null : settings.getStatusTargets().get(pipeline + ":" + status);
        return target != null ? target : settings.getStatusTargets().get(status);
    }

    private static String field(JsonNode fields, String name) {
        return name == null ? null : Json.text(fields.get(name));
    }

    private static boolean putText(ObjectNode conversion, String field, String value) {
        if (value == null) {
            return false;
        }
        conversion.put(field, value);
        return true;
    }
}
