package org.ctl.infra.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.ctl.infra.support.HttpLedgerClient;
import org.ctl.infra.support.HttpLedgerClient.Answer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Per-principal rate limiting answers 429 problem details, and one principal's burst leaves another's alone. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ctl.data-dir=${java.io.tmpdir}/ctl-rate-${random.uuid}",
        "ctl.http.rate-limit.requests-per-second=5"})
class RateLimitTest {

    @LocalServerPort
    int port;

    @Test
    void answers429ToAPrincipalOverItsRateAndServesTheOthers() {
        HttpLedgerClient alice = HttpLedgerClient.as(port, "alice");
        List<Answer> burst = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            burst.add(alice.get("/api/tokens"));
        }
        assertThat(burst).filteredOn(answer -> answer.status() == 200).isNotEmpty();
        List<Answer> limited = burst.stream().filter(answer -> answer.status() == 429).toList();
        assertThat(limited).isNotEmpty();
        assertThat(limited.get(0).code()).isEqualTo("RATE_LIMITED");
        assertThat(limited.get(0).contentType()).startsWith("application/problem+json");

        assertThat(HttpLedgerClient.as(port, "bob").get("/api/tokens").status()).isEqualTo(200);
    }
}
