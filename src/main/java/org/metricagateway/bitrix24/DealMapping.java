package org.metricagateway.bitrix24;

import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.metricagateway.web.Json;

/**
 * Turns a deal read with {@code crm.deal.get} into the CRM event that the built-in adapters share
 * ({@link org.metricagateway.adapters.CrmConversions}), so that Bitrix24 applies the webhook's settings exactly
 * like amoCRM: {@code status} is the deal's STAGE_ID (which already names its pipeline: {@code C1:WON}),
 * {@code price} its OPPORTUNITY, {@code currency} its CURRENCY_ID, {@code fields} every field of the deal by code
 * ({@code UF_CRM_...}), and the id {@code bitrix24:<deal id>}, which makes the external id
 * {@code bitrix24:<deal id>:<stage>}: one conversion per deal and stage, however often the deal is fetched.
 */
public final class DealMapping {
    static final String ID_PREFIX = "bitrix24:";

    private DealMapping() {
    }

    /**
     * @param deal      the {@code result} object of Bitrix24's answer
     * @param eventTime the event's own time (Unix seconds), used when the deal has neither MOVED_TIME nor
     *                  DATE_MODIFY
     * @throws InvalidDeal when the answer is not a deal (no ID or STAGE_ID)
     */
    public static ArrayNode events(JsonNode deal, String eventTime) {
        String id = Json.text(deal.get("ID"));
        String stage = Json.text(deal.get("STAGE_ID"));
        if (!deal.isObject() || id == null || stage == null) {
            throw new InvalidDeal("Bitrix24's answer has no deal ID or STAGE_ID");
        }
        ObjectNode event = Json.MAPPER.createObjectNode();
        event.put("id", ID_PREFIX + id);
        event.put("status", stage);
        // When the deal entered its stage; older portals have no MOVED_TIME, and the last change is the stage
        // change at the latest.
        event.put("date_time", firstPresent(Json.text(deal.get("MOVED_TIME")), Json.text(deal.get("DATE_MODIFY")), eventTime));
        putIfPresent(event, "price", Json.text(deal.get(Bitrix24Settings.DEFAULT_PRICE_FIELD)));
        putIfPresent(event, "currency", Json.text(deal.get("CURRENCY_ID")));
        event.set("fields", fields(deal));
        return Json.MAPPER.createArrayNode().add(event);
    }

    public static String stage(JsonNode deal) {
        return Json.text(deal.get("STAGE_ID"));
    }

    /** The deal's fields by code; of a multiple field (a JSON array) the first value counts. */
    private static ObjectNode fields(JsonNode deal) {
        ObjectNode fields = Json.MAPPER.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = deal.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = field.getValue();
            fields.set(field.getKey(), value.isArray() && !value.isEmpty() ? value.get(0) : value);
        }
        return fields;
    }

    private static String firstPresent(String... values) {
        for (String value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static void putIfPresent(ObjectNode event, String field, String value) {
        if (value != null) {
            event.put(field, value);
        }
    }

    /** Bitrix24 answered 200 with something that is not a deal. */
    public static final class InvalidDeal extends RuntimeException {
        public InvalidDeal(String message) {
            super(message, null, false, false);
        }
    }
}
