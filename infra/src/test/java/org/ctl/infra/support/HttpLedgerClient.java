package org.ctl.infra.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** A client of the ledger's HTTP API over real HTTP, signing in with HTTP Basic as one principal. */
public final class HttpLedgerClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String authorization;

    private HttpLedgerClient(String baseUrl, String authorization) {
        this.baseUrl = baseUrl;
        this.authorization = authorization;
    }

    public static HttpLedgerClient as(int port, String principal, String password) {
        return new HttpLedgerClient("http://localhost:" + port, "Basic " + Base64.getEncoder()
                .encodeToString((principal + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    /** A demo principal: its password is its name. */
    public static HttpLedgerClient as(int port, String demoPrincipal) {
        return as(port, demoPrincipal, demoPrincipal);
    }

    public static HttpLedgerClient anonymous(int port) {
        return new HttpLedgerClient("http://localhost:" + port, null);
    }

    /** The answer: status and body (parsed as JSON when it is JSON). */
    public record Answer(int status, String contentType, String text) {
        public JsonNode json() {
            try {
                return JSON.readTree(text);
            } catch (IOException notJson) {
                throw new AssertionError("not JSON (" + status + "): " + text, notJson);
            }
        }

        /** The problem details' {@code code}. */
        public String code() {
            return json().path("code").asText();
        }

        @Override
        public String toString() {
            return status + " " + text;
        }
    }

    public Answer get(String path) {
        return send(request(path).GET());
    }

    public Answer post(String path, String jsonBody) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody)));
    }

    public Answer post(String path) {
        return send(request(path).POST(HttpRequest.BodyPublishers.noBody()));
    }

    public Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException | InterruptedException failed) {
            throw new AssertionError("request failed: " + failed, failed);
        }
    }

    public HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(20));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request;
    }

    public static String json(Object... keysAndValues) {
        var node = JSON.createObjectNode();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            node.set((String) keysAndValues[i], JSON.valueToTree(keysAndValues[i + 1]));
        }
        return node.toString();
    }
}
