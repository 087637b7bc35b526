package org.ctl.command.pricing;

import java.util.Map;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.ctl.domain.governance.Participants;
import org.ctl.domain.pricing.PriceFeedId;
import org.ctl.domain.pricing.PriceKind;
import org.ctl.domain.pricing.PricePublished;
import org.ctl.domain.pricing.PublishPrice;
import org.ctl.domain.shared.ActingPrincipal;
import org.ctl.domain.shared.CommandId;
import org.ctl.domain.shared.CommandReceipt;
import org.ctl.domain.shared.HolderId;
import org.ctl.domain.shared.Money;
import org.junit.jupiter.api.Test;

/** A repeated publication answers as the first did, even after later prices on the same feed. */
class RepeatPriceAnswerTest {

    private static final PriceFeedId FEED = new PriceFeedId(PriceKind.COLLATERAL, "QUBIT");
    private static final HolderId ORACLE = HolderId.of("oracle");

    @Test
    void answersARepeatWithTheSequenceOfTheFirstPublication() {
        AggregateTestFixture<PriceFeed> fixture = new AggregateTestFixture<>(PriceFeed.class);
        fixture.registerInjectableResource(new Participants(Set.of(), Set.of(ORACLE)));
        fixture.given(new PricePublished(FEED, CommandId.of("p1"), ORACLE, Money.of("0.25")),
                        new PricePublished(FEED, CommandId.of("p2"), ORACLE, Money.of("0.30")))
                .when(new PublishPrice(CommandId.of("p1"), FEED, Money.of("0.250")),
                        Map.of(ActingPrincipal.METADATA_KEY, "oracle"))
                .expectNoEvents()
                .expectResultMessagePayload(new CommandReceipt(FEED.toString(), 0, true));
    }
}
