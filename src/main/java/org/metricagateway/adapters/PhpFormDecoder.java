package org.metricagateway.adapters;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.metricagateway.web.ApiException;
import org.metricagateway.web.Json;

/**
 * Decodes PHP-style form names into a real nested structure, as PHP's {@code $_POST} would:
 * {@code leads[status][1][id]=7} sets {@code .leads.status[1].id}. Objects whose keys are all whole numbers
 * become arrays ordered by those numbers, so that every entity of a POST is an element (CRMs number them from
 * 0, but gaps are kept in order, never lost). {@code a[]=x} appends. Values stay text. When a name is given twice,
 * or is used both as a value and as a parent, the later pair wins (PHP's rule).
 */
public final class PhpFormDecoder {
    /** PHP's default max_input_nesting_level: deeper names are refused rather than recursed into. */
    static final int MAX_DEPTH = 64;
    private static final String APPEND = "";

    private PhpFormDecoder() {
    }

    public static JsonNode decode(FormBody form) {
        Map<String, Object> root = new LinkedHashMap<>();
        for (FormBody.Pair pair : form.pairs()) {
            put(root, keys(pair.name()), pair.value());
        }
        return toJson(root);
    }

    /** {@code leads[status][0][id]} → [leads, status, 0, id]; a name without brackets is one key. */
    static List<String> keys(String name) {
        List<String> keys = new ArrayList<>();
        int open = name.indexOf('[');
        if (open <= 0 || !name.endsWith("]")) {
            keys.add(name);
            return keys;
        }
        keys.add(name.substring(0, open));
        int at = open;
        while (at < name.length()) {
            if (name.charAt(at) != '[') {
                // Text after a closing bracket: PHP ignores the rest of the name.
                break;
            }
            int close = name.indexOf(']', at);
            if (close < 0) {
                break;
            }
            keys.add(name.substring(at + 1, close));
            at = close + 1;
            if (keys.size() > MAX_DEPTH) {
                throw new ApiException(422, "invalid_body",
                        "A form field name is nested more than " + MAX_DEPTH + " levels deep");
            }
        }
        return keys;
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> root, List<String> keys, String value) {
        Map<String, Object> node = root;
        for (int i = 0; i < keys.size() - 1; i++) {
            String key = resolve(node, keys.get(i));
            Object child = node.get(key);
            if (!(child instanceof Map)) {
                child = new LinkedHashMap<String, Object>();
                node.put(key, child);
            }
            node = (Map<String, Object>) child;
        }
        node.put(resolve(node, keys.get(keys.size() - 1)), value);
    }

    /** {@code []} appends: the next whole number after the largest one used so far. */
    private static String resolve(Map<String, Object> node, String key) {
        if (!key.equals(APPEND)) {
            return key;
        }
        long next = 0;
        for (String existing : node.keySet()) {
            Long index = index(existing);
            if (index != null && index >= next) {
                next = index + 1;
            }
        }
        return Long.toString(next);
    }

    @SuppressWarnings("unchecked")
    private static JsonNode toJson(Map<String, Object> map) {
        TreeMap<Long, Object> indexed = new TreeMap<>();
        for (Map.Entry<String, Object> entry : map.entrySet()) {
            Long index = index(entry.getKey());
            if (index == null) {
                indexed = null;
                break;
            }
            indexed.put(index, entry.getValue());
        }
        if (indexed != null && !indexed.isEmpty()) {
            ArrayNode array = Json.MAPPER.createArrayNode();
            for (Object value : indexed.values()) {
                array.add(value instanceof Map ? toJson((Map<String, Object>) value) : array.textNode((String) value));
            }
            return array;
        }
        ObjectNode object = Json.MAPPER.createObjectNode();
        for (Map.Entry<String, Object> entry : map.entrySet()) {
            Object value = entry.getValue();
            object.set(entry.getKey(), value instanceof Map
                    ? toJson((Map<String, Object>) value) : object.textNode((String) value));
        }
        return object;
    }

    private static Long index(String key) {
        if (key.isEmpty() || key.length() > 9 || (key.length() > 1 && key.charAt(0) == '0')) {
            return null;
        }
        for (int i = 0; i < key.length(); i++) {
            if (!Character.isDigit(key.charAt(i)) || key.charAt(i) > '9') {
                return null;
            }
        }
        return Long.parseLong(key);
    }
}
