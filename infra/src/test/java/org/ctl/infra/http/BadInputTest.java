package org.ctl.infra.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.ctl.infra.support.EventStoreFingerprint;
import org.ctl.infra.support.HttpLedgerClient;
import org.ctl.infra.support.HttpLedgerClient.Answer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Bad input per endpoint gets 4xx problem details with a specific code and no stack trace, and the event
 * store holds exactly the events it held before.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "ctl.data-dir=${java.io.tmpdir}/ctl-bad-${random.uuid}")
class BadInputTest {

    private static final String VALID_ISSUANCE = """
            {"tokenId":"B1","computeUnit":"H100-GPU-HOUR","computeRights":10,"pricePerComputeRight":"1.00",
             "collateral":{"collateralId":"C-B1","qubits":8,"qubitPrice":"0.20"},"policy":"HYBRID"}""";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    int storedEvents() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry", Integer.class);
    }

    void ensureSeries() {
        HttpLedgerClient issuer = HttpLedgerClient.as(port, "issuer");
        int status = issuer.post("/api/tokens", VALID_ISSUANCE).status();
        assertThat(status).isIn(201);
        assertThat(HttpLedgerClient.as(port, "oracle").post("/api/tokens/B1/verify").status()).isEqualTo(200);
    }

    @ParameterizedTest(name = "[{index}] {0} {1} {2} → {3} {4}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            issuer | /api/tokens                 | {                                                      | 400 | MALFORMED_REQUEST
            issuer | /api/tokens                 | `{"tokenId":"X1"`                                      | 400 | MALFORMED_REQUEST
            issuer | /api/tokens                 | `{"tokenId":"X1","computeUnit":"H","computeRights":"10","pricePerComputeRight":"1","collateral":{"collateralId":"CX","qubits":8,"qubitPrice":"0.2"}}` | 400 | MALFORMED_REQUEST
            issuer | /api/tokens                 | `{"tokenId":"X1","computeUnit":"H","computeRights":10.5,"pricePerComputeRight":"1","collateral":{"collateralId":"CX","qubits":8,"qubitPrice":"0.2"}}` | 400 | MALFORMED_REQUEST
            issuer | /api/tokens                 | `{"tokenId":"X1","computeUnit":"H","computeRights":0,"pricePerComputeRight":"1","collateral":{"collateralId":"CX","qubits":8,"qubitPrice":"0.2"}}` | 400 | AMOUNT_MUST_BE_POSITIVE
            issuer | /api/tokens                 | `{"tokenId":"X1","computeUnit":"H","computeRights":-5,"pricePerComputeRight":"1","collateral":{"collateralId":"CX","qubits":8,"qubitPrice":"0.2"}}` | 400 | AMOUNT_MUST_BE_POSITIVE
            issuer | /api/tokens                 | `{"tokenId":"X1","computeUnit":"H","computeRights":99999999999999999999,"pricePerComputeRight":"1","collateral":{"collateralId":"CX","qubits":8,"qubitPrice":"0.2"}}` | 400 | MALFORMED_REQUEST
            issuer | /api/tokens                 | `{"tokenId":"X1","computeUnit":"H","computeRights":10,"pricePerComputeRight":"0","collateral":{"collateralId":"CX","qubits":8,"qubitPrice":"0.2"}}` | 400 | PRICE_MUST_BE_POSITIVE
            issuer | /api/tokens                 | `{"tokenId":"X1","computeUnit":"H","computeRights":10,"pricePerComputeRight":"1","collateral":{"collateralId":"CX","qubits":0,"qubitPrice":"0.2"}}` | 400 | AMOUNT_MUST_BE_POSITIVE
            issuer | /api/tokens                 | `{"tokenId":"X1","computeUnit":"H","computeRights":10,"pricePerComputeRight":"1"}` | 400 | VALIDATION_FAILED
            issuer | /api/tokens                 | `{"tokenId":"X1","computeUnit":"H","computeRights":10,"pricePerComputeRight":"1","collateral":{"collateralId":"CX","qubits":8,"qubitPrice":"0.2"},"issuer":"alice"}` | 400 | MALFORMED_REQUEST
            issuer | /api/tokens                 | `{"tokenId":"X1","computeUnit":"H","computeRights":10,"pricePerComputeRight":"1","collateral":{"collateralId":"CX","qubits":8,"qubitPrice":"0.2"},"status":"ACTIVE"}` | 400 | MALFORMED_REQUEST
            issuer | /api/tokens                 | `{"tokenId":"X1","computeUnit":"H","computeRights":10,"pricePerComputeRight":"1","collateral":{"collateralId":"CX","qubits":8,"qubitPrice":"0.2"},"policy":"NONE"}` | 400 | MALFORMED_REQUEST
            issuer | /api/tokens                 | `{"tokenId":"ünïcode","computeUnit":"H","computeRights":10,"pricePerComputeRight":"1","collateral":{"collateralId":"CX","qubits":8,"qubitPrice":"0.2"}}` | 400 | VALIDATION_FAILED
            issuer | /api/tokens                 | `{"tokenId":"B1","computeUnit":"H","computeRights":11,"pricePerComputeRight":"1","collateral":{"collateralId":"C-B1","qubits":8,"qubitPrice":"0.2"}}` | 409 | SERIES_ALREADY_ISSUED
            issuer | /api/tokens                 | `{"tokenId":"B2","computeUnit":"H","computeRights":11,"pricePerComputeRight":"1","collateral":{"collateralId":"C-B1","qubits":8,"qubitPrice":"0.2"}}` | 409 | COLLATERAL_ALREADY_BACKS_A_SERIES
            issuer | /api/tokens/B1/transfers    | `{"transferId":"t","from":"issuer","to":"alice","amount":0}`   | 400 | AMOUNT_MUST_BE_POSITIVE
            issuer | /api/tokens/B1/transfers    | `{"transferId":"t","from":"issuer","to":"alice","amount":-1}`  | 400 | AMOUNT_MUST_BE_POSITIVE
            issuer | /api/tokens/B1/transfers    | `{"transferId":"t","from":"issuer","to":"alice","amount":"1"}` | 400 | MALFORMED_REQUEST
            issuer | /api/tokens/B1/transfers    | `{"transferId":"t","from":"issuer","to":"alice","amount":9223372036854775808}` | 400 | MALFORMED_REQUEST
            issuer | /api/tokens/B1/transfers    | `{"transferId":"t","from":"issuer","to":"alice","amount":11}`  | 409 | INSUFFICIENT_AVAILABLE_BALANCE
            issuer | /api/tokens/B1/transfers    | `{"transferId":"t","from":"issuer","to":"issuer","amount":1}`  | 400 | SAME_HOLDER
            issuer | /api/tokens/B1/transfers    | `{"transferId":"t","to":"alice","amount":1}`                   | 400 | VALIDATION_FAILED
            issuer | /api/tokens/B1/transfers    | `{"transferId":"t","from":"issuer","to":"alice","amount":1,"status":"x"}` | 400 | MALFORMED_REQUEST
            issuer | /api/tokens/NOPE/transfers  | `{"transferId":"t","from":"issuer","to":"alice","amount":1}`   | 404 | UNKNOWN_TOKEN
            issuer | /api/tokens/B1/transfers    | `{"transferId":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","from":"issuer","to":"alice","amount":1}` | 400 | VALIDATION_FAILED
            issuer | /api/tokens/B1/pledges      | `{"pledgeId":"p","pledger":"issuer","pledgee":"bob","amount":0}` | 400 | AMOUNT_MUST_BE_POSITIVE
            issuer | /api/tokens/B1/pledges      | `{"pledgeId":"p","pledger":"issuer","pledgee":"bob"}`          | 400 | VALIDATION_FAILED
            issuer | /api/tokens/B1/pledges/none/release | `{}`                                                   | 404 | UNKNOWN_PLEDGE
            issuer | /api/tokens/B1/burns        | `{"burnId":"b","holder":"issuer","amount":1}`                  | 400 | VALIDATION_FAILED
            issuer | /api/tokens/B1/burns        | `{"burnId":"b","holder":"issuer","amount":100,"reason":"x"}`   | 409 | INSUFFICIENT_AVAILABLE_BALANCE
            oracle | /api/tokens/B1/flags        | `{"flagId":"f","verdict":"MAYBE","reason":"x"}`                | 400 | MALFORMED_REQUEST
            oracle | /api/tokens/B1/flags        | `{"flagId":"f","verdict":"DISPUTED"}`                          | 400 | VALIDATION_FAILED
            oracle | /api/tokens/NOPE/flags      | `{"flagId":"f","verdict":"DISPUTED","reason":"x"}`             | 404 | UNKNOWN_TOKEN
            oracle | /api/prices                 | `{"priceId":"p","kind":"COMPUTE","unit":"H","price":"-1"}`     | 400 | PRICE_MUST_BE_POSITIVE
            oracle | /api/prices                 | `{"priceId":"p","kind":"COMPUTE","unit":"H","price":"abc"}`    | 400 | MALFORMED_REQUEST
            oracle | /api/prices                 | `{"priceId":"p","kind":"SHARES","unit":"H","price":"1"}`       | 400 | MALFORMED_REQUEST
            oracle | /api/prices                 | `{"priceId":"p","unit":"H","price":"1"}`                       | 400 | VALIDATION_FAILED
            """)
    void refusesBadInputByNameAndChangesNothing(String who, String path, String body, int status, String code) {
        ensureSeriesOnce();
        String before = EventStoreFingerprint.of(jdbc);
        Answer answer = HttpLedgerClient.as(port, who).post(path, body);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.code()).as(answer.toString()).isEqualTo(code);
        assertThat(answer.text()).doesNotContain("at org.").doesNotContain("Exception");
        assertThat(EventStoreFingerprint.of(jdbc)).as("the event store, byte for byte").isEqualTo(before);
    }

    @Test
    void refusesAnOversizedBodyBeforeReadingIt() {
        ensureSeriesOnce();
        String before = EventStoreFingerprint.of(jdbc);
        String huge = "{\"transferId\":\"" + "x".repeat(20_000) + "\"}";
        Answer answer = HttpLedgerClient.as(port, "issuer").post("/api/tokens/B1/transfers", huge);
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.code()).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(EventStoreFingerprint.of(jdbc)).isEqualTo(before);
    }

    @Test
    void refusesWrongTypesInQueryParameters() {
        HttpLedgerClient auditor = HttpLedgerClient.as(port, "auditor");
        for (String path : List.of("/api/tokens?limit=0", "/api/tokens?limit=100000", "/api/tokens?offset=-1",
                "/api/tokens?limit=abc", "/api/quote?computeRights=10&pricePerComputeRight=x&qubits=1&qubitPrice=1",
                "/api/quote?computeRights=10&pricePerComputeRight=0&qubits=1&qubitPrice=1",
                "/api/quote?computeRights=10")) {
            Answer answer = auditor.get(path);
            assertThat(answer.status()).as(path + " → " + answer).isEqualTo(400);
            assertThat(answer.code()).as(path).isIn("VALIDATION_FAILED", "COMPUTE_VALUE_MUST_BE_POSITIVE");
        }
        assertThat(auditor.get("/api/tokens/NOPE").code()).isEqualTo("UNKNOWN_TOKEN");
        assertThat(auditor.get("/api/tokens/NOPE").status()).isEqualTo(404);
    }

    @Test
    void answersTheSeedsWorkedExampleFromTheSandbox() {
        var figures = HttpLedgerClient.anonymous(port)
                .get("/api/quote?computeRights=10&pricePerComputeRight=1&qubits=8&qubitPrice=0.2").json();
        assertThat(figures.path("computeValue").asText()).isEqualTo("10.00");
        assertThat(figures.path("collateralValue").asText()).isEqualTo("1.60");
        assertThat(figures.path("collateralizationRatio").asText()).isEqualTo("0.1600");
        assertThat(figures.path("riskPremium").asText()).isEqualTo("0.4200");
        assertThat(figures.path("finalPrice").asText()).isEqualTo("14.20");
    }

    @Test
    void answersARepeatAsTheFirstAndRefusesTheIdWithOtherContent() {
        ensureSeriesOnce();
        HttpLedgerClient issuer = HttpLedgerClient.as(port, "issuer");
        String body = "{\"transferId\":\"rep-1\",\"from\":\"issuer\",\"to\":\"alice\",\"amount\":1}";
        Answer first = issuer.post("/api/tokens/B1/transfers", body);
        int after = storedEvents();
        Answer repeat = issuer.post("/api/tokens/B1/transfers", body);
        assertThat(first.status()).isEqualTo(200);
        assertThat(repeat.status()).isEqualTo(200);
        assertThat(repeat.json().path("repeated").asBoolean()).isTrue();
        assertThat(repeat.json().path("commandId").asText()).isEqualTo("rep-1");
        assertThat(storedEvents()).isEqualTo(after);
        Answer reused = issuer.post("/api/tokens/B1/transfers", body.replace("\"amount\":1", "\"amount\":2"));
        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.code()).isEqualTo("ID_REUSED_WITH_OTHER_CONTENT");
        assertThat(storedEvents()).isEqualTo(after);
    }

    private static volatile boolean seriesReady;

    private synchronized void ensureSeriesOnce() {
        if (!seriesReady) {
            ensureSeries();
            seriesReady = true;
        }
    }
}
