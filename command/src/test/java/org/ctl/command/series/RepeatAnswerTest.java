package org.ctl.command.series;

import static org.ctl.command.series.SeriesExamples.ALICE;
import static org.ctl.command.series.SeriesExamples.BOB;
import static org.ctl.command.series.SeriesExamples.CAROL;
import static org.ctl.command.series.SeriesExamples.ISSUER;
import static org.ctl.command.series.SeriesExamples.ORACLE;
import static org.ctl.command.series.SeriesExamples.TOKEN;
import static org.ctl.command.series.SeriesExamples.active;
import static org.ctl.command.series.SeriesExamples.as;
import static org.ctl.command.series.SeriesExamples.pledged;
import static org.ctl.command.series.SeriesExamples.released;
import static org.ctl.command.series.SeriesExamples.releasePledge;
import static org.ctl.command.series.SeriesExamples.seriesFixture;
import static org.ctl.command.series.SeriesExamples.then;
import static org.ctl.command.series.SeriesExamples.transfer;
import static org.ctl.command.series.SeriesExamples.transferred;
import static org.ctl.command.series.SeriesExamples.verifyIssuance;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.ctl.domain.governance.GovernancePolicy;
import org.ctl.domain.shared.CommandReceipt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A repeated command answers as the first did: the same stream and the sequence its events ended at. */
class RepeatAnswerTest {

    private AggregateTestFixture<TokenSeries> fixture;

    @BeforeEach
    void setUp() {
        fixture = seriesFixture(AcceptedCommandsInStore::new);
    }

    @Test
    void answersANewTransferWithTheSequenceOfItsEvent() {
        fixture.given(active(GovernancePolicy.HYBRID))
                .when(transfer("t1", ISSUER, ALICE, 5), as(ISSUER))
                .expectResultMessagePayload(new CommandReceipt(TOKEN.value(), 2, false));
    }

    @Test
    void answersARepeatedTransferWithTheSequenceOfTheFirstEvenAfterTheSeriesMovedOn() {
        fixture.given(then(active(GovernancePolicy.HYBRID), transferred("t1", ISSUER, ALICE, 5),
                        transferred("t2", ISSUER, BOB, 5), transferred("t3", ALICE, BOB, 1)))
                .when(transfer("t1", ISSUER, ALICE, 5), as(ISSUER))
                .expectNoEvents()
                .expectResultMessagePayload(new CommandReceipt(TOKEN.value(), 2, true));
    }

    @Test
    void answersARepeatedReleaseAndVerificationAsTheirFirstAnswers() {
        fixture.given(then(active(GovernancePolicy.HYBRID), transferred("t1", ISSUER, ALICE, 5),
                        pledged("p1", ALICE, CAROL, 2), released("p1", ALICE, CAROL, 2),
                        transferred("t2", ISSUER, BOB, 5)))
                .when(releasePledge("p1"), as(CAROL))
                .expectNoEvents()
                .expectResultMessagePayload(new CommandReceipt(TOKEN.value(), 4, true));
        fixture.given(then(active(GovernancePolicy.HYBRID), transferred("t1", ISSUER, ALICE, 5)))
                .when(verifyIssuance(), as(ORACLE))
                .expectNoEvents()
                .expectResultMessagePayload(new CommandReceipt(TOKEN.value(), 1, true));
    }
}
