package org.metricagateway.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.metricagateway.support.Http;

/** A client of the sandbox's HTTP API as Metrica's clients call it, with multipart bodies built by hand. */
final class MetricaApi {
    private static final String CRLF = "\r\n";
    private static final HttpClient IMPATIENT = HttpClient.newHttpClient();
    private final String baseUrl;

    MetricaApi(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** One part of a multipart body; {@code fileName} and {@code contentType} may be null. */
    record Part(String name, String fileName, String contentType, byte[] content) {
        static Part csvFile(String csv) {
            return new Part("file", "data.csv", "text/csv; charset=UTF-8", csv.getBytes(StandardCharsets.UTF_8));
        }
    }

    static String csv(String... lines) {
        return String.join("\n", lines) + "\n";
    }

    String counterUrl(long counter) {
        return baseUrl + "/management/v1/counter/" + counter + "/offline_conversions";
    }

    Http.Response upload(String token, long counter, String query, String csv) {
        return multipart(token, counter, query, List.of(Part.csvFile(csv)));
    }

    Http.Response upload(String token, long counter, String csv) {
        return upload(token, counter, "", csv);
    }

    Http.Response multipart(String token, long counter, String query, List<Part> parts) {
        return Http.send(uploadRequest(token, counter, query, parts));
    }

    /** The upload request itself, for callers that need their own timeout. */
    HttpRequest.Builder uploadRequest(String token, long counter, String query, List<Part> parts) {
        String boundary = "sandbox-" + UUID.randomUUID();
        return post(token, counter, "/upload" + query, "multipart/form-data; boundary=" + boundary,
                body(boundary, parts));
    }

    HttpRequest.Builder post(String token, long counter, String pathAndQuery, String contentType, byte[] body) {
        return authorized(Http.request(counterUrl(counter) + pathAndQuery), token)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    Http.Response get(String token, long counter, String pathAndQuery) {
        return Http.send(authorized(Http.request(counterUrl(counter) + pathAndQuery), token).GET());
    }

    Http.Response status(String token, long counter, long id) {
        return get(token, counter, "/uploading/" + id);
    }

    Http.Response list(String token, long counter, String query) {
        return get(token, counter, "/uploadings" + query);
    }

    /** Sends a request that gives up after {@code timeout} (as a client with a read timeout does). */
    static boolean answeredWithin(HttpRequest.Builder request, Duration timeout) {
        try {
            IMPATIENT.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (HttpTimeoutException timedOut) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpRequest.Builder authorized(HttpRequest.Builder request, String token) {
        return token == null ? request : request.header("Authorization", "OAuth " + token);
    }

    private static byte[] body(String boundary, List<Part> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Part part : parts) {
            StringBuilder head = new StringBuilder("--").append(boundary).append(CRLF)
                    .append("Content-Disposition: form-data; name=\"").append(part.name()).append('"');
            if (part.fileName() != null) {
                head.append("; filename=\"").append(part.fileName()).append('"');
            }
            head.append(CRLF);
            if (part.contentType() != null) {
                head.append("Content-Type: ").append(part.contentType()).append(CRLF);
            }
            out.writeBytes(head.append(CRLF).toString().getBytes(StandardCharsets.UTF_8));
            out.writeBytes(part.content());
            out.writeBytes(CRLF.getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + boundary + "--" + CRLF).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
