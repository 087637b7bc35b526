package org.ctl.infra.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ctl.infra.support.HttpLedgerClient.json;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ctl.infra.support.HttpLedgerClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The dashboard's sign-in over plain HTTP: a login form with a CSRF token for the same principals; its session
 * opens the dashboard and the API's reads, but never a command (a forged cross-site POST carrying the cookie
 * is unauthenticated and stores nothing); the API's HTTP Basic and its problem answers are unchanged.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "ctl.data-dir=${java.io.tmpdir}/ctl-signin-${random.uuid}")
class DashboardSignInTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void aSessionReadsTheLedgerButSendsNoCommand() throws Exception {
        HttpLedgerClient.as(port, "issuer").post("/api/tokens", json("tokenId", "S1", "computeUnit", "H100-GPU-HOUR",
                "computeRights", 10, "pricePerComputeRight", "1.00",
                "collateral", Map.of("collateralId", "C-S1", "qubits", 8, "qubitPrice", "0.20"), "policy", "HYBRID"));

        HttpResponse<String> anonymous = get("/");
        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.headers().firstValue("Location").orElseThrow()).endsWith("/login");
        assertThat(get("/api/tokens").statusCode()).isEqualTo(401);

        // Without the form's token the sign-in is refused; with it, the issuer is in.
        assertThat(post("/login", "username=issuer&password=issuer").statusCode()).isEqualTo(403);
        assertThat(signIn("issuer", "wrong").headers().firstValue("Location").orElseThrow()).contains("error");
        HttpResponse<String> signedIn = signIn("issuer", "issuer");
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location").orElseThrow()).doesNotContain("error");

        assertThat(get("/").body()).contains("<table id=\"series\"");
        assertThat(get("/dashboard/session").body()).contains("\"principal\":\"issuer\"")
                .contains("\"roles\":[\"ISSUER\"]");
        HttpResponse<String> read = get("/api/tokens/S1");
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).contains("\"finalPrice\":\"14.20\"");

        // The session cookie alone never carries a command.
        HttpResponse<String> forged = send(HttpRequest.newBuilder(uri("/api/tokens/S1/transfers"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json("transferId", "forged", "from", "issuer", "to",
                        "alice", "amount", 1))));
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(forged.body()).contains("\"code\":\"UNAUTHENTICATED\"");
        assertThat(HttpLedgerClient.as(port, "issuer").get("/api/tokens/S1/provenance").text())
                .doesNotContain("forged");

        // HTTP Basic answers as before.
        assertThat(HttpLedgerClient.anonymous(port).get("/api/tokens").code()).isEqualTo("UNAUTHENTICATED");
        assertThat(HttpLedgerClient.as(port, "alice").get("/api/tokens/S1/balances").code()).isEqualTo("FORBIDDEN");
    }

    private HttpResponse<String> signIn(String principal, String password) throws Exception {
        Matcher token = CSRF.matcher(get("/login").body());
        assertThat(token.find()).as("the login form carries a CSRF token").isTrue();
        return post("/login", "username=" + principal + "&password=" + password + "&_csrf="
                + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8));
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    private HttpResponse<String> post(String path, String form) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
