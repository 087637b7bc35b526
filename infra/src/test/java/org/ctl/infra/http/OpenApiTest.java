package org.ctl.infra.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.ctl.infra.support.HttpLedgerClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The running application publishes its OpenAPI description, naming every endpoint of the contract. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "ctl.data-dir=${java.io.tmpdir}/ctl-openapi-${random.uuid}")
class OpenApiTest {

    @LocalServerPort
    int port;

    @Test
    void publishesEveryEndpointOfTheContract() {
        var paths = HttpLedgerClient.anonymous(port).get("/v3/api-docs").json().path("paths");
        assertThat(paths.has("/api/tokens")).isTrue();
        for (String path : new String[] {"/api/tokens/{tokenId}", "/api/tokens/{tokenId}/verify",
                "/api/tokens/{tokenId}/transfers", "/api/tokens/{tokenId}/pledges",
                "/api/tokens/{tokenId}/pledges/{pledgeId}/release", "/api/tokens/{tokenId}/pledges/{pledgeId}/seize",
                "/api/tokens/{tokenId}/flags", "/api/tokens/{tokenId}/burns", "/api/prices",
                "/api/tokens/{tokenId}/balances", "/api/holders/{holder}/balances", "/api/tokens/{tokenId}/provenance",
                "/api/collateralization", "/api/collateralization/stream", "/api/quote"}) {
            assertThat(paths.has(path)).as(path).isTrue();
        }
    }
}
