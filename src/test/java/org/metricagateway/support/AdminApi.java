package org.metricagateway.support;

import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.Map;

/** Calls of the admin API over real HTTP, with the suite's admin token unless told otherwise. */
public final class AdminApi {
    private static final String JSON = "application/json";

    private AdminApi() {
    }

    public static Http.Response get(String path) {
        return Http.send(request(path).GET());
    }

    public static Http.Response post(String path, Object body) {
        return Http.send(request(path).header("Content-Type", JSON)
                .POST(HttpRequest.BodyPublishers.ofString(Http.json(body))));
    }

    public static Http.Response post(String path) {
        return Http.send(request(path).POST(HttpRequest.BodyPublishers.noBody()));
    }

    public static Http.Response patch(String path, Object body) {
        return Http.send(request(path).header("Content-Type", JSON)
                .method("PATCH", HttpRequest.BodyPublishers.ofString(Http.json(body))));
    }

    public static Http.Response delete(String path) {
        return Http.send(request(path).DELETE());
    }

    /** A request with the admin token, to be finished by the caller (method, headers, raw body). */
    public static HttpRequest.Builder request(String path) {
        return unauthenticated(path).header("Authorization", "Bearer " + TestGateway.ADMIN_TOKEN);
    }

    public static HttpRequest.Builder unauthenticated(String path) {
        return Http.request(TestGateway.get().baseUrl() + path);
    }

    /** A body with null values kept (Map.of refuses nulls). */
    public static Map<String, Object> body(Object... keysAndValues) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            body.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return body;
    }
}
