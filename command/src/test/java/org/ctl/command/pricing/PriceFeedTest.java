package org.ctl.command.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ctl.command.RuleMatchers.violates;
import static org.ctl.command.StorageSerializer.roundTrip;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.ctl.command.RestoringFromSnapshot;
import org.ctl.domain.governance.Participants;
import org.ctl.domain.pricing.PriceFeedId;
import org.ctl.domain.pricing.PriceKind;
import org.ctl.domain.pricing.PricePublished;
import org.ctl.domain.pricing.PublishPrice;
import org.ctl.domain.shared.ActingPrincipal;
import org.ctl.domain.shared.CommandId;
import org.ctl.domain.shared.HolderId;
import org.ctl.domain.shared.Money;
import org.ctl.domain.shared.RuleCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The prices oracles publish, one feed per kind and unit (aggregate id {@code price:KIND:UNIT}). */
class PriceFeedTest {

    private static final HolderId ISSUER = HolderId.of("issuer");
    private static final HolderId ORACLE = HolderId.of("oracle");
    private static final HolderId ORACLE2 = HolderId.of("oracle2");
    private static final PriceFeedId FEED = new PriceFeedId(PriceKind.COMPUTE, "H100-GPU-HOUR");

    private FixtureConfiguration<PriceFeed> fixture;

    @BeforeEach
    void setUp() {
        fixture = newFixture();
    }

    private static FixtureConfiguration<PriceFeed> newFixture() {
        FixtureConfiguration<PriceFeed> configured = new AggregateTestFixture<>(PriceFeed.class);
        configured.registerInjectableResource(new Participants(Set.of(ISSUER), Set.of(ORACLE, ORACLE2)));
        return configured;
    }

    private static Map<String, Object> as(HolderId principal) {
        return Map.of(ActingPrincipal.METADATA_KEY, principal.value());
    }

    private static PublishPrice publish(String priceId, String price) {
        return new PublishPrice(CommandId.of(priceId), FEED, Money.of(price));
    }

    private static PricePublished published(String priceId, HolderId oracle, String price) {
        return new PricePublished(FEED, CommandId.of(priceId), oracle, Money.of(price));
    }

    @Nested
    class PublishPriceCommand {

        @Test
        void goesToTheFeedOfItsKindAndUnit() {
            assertThat(publish("price-1", "2.50").feedAggregateId())
                    .isEqualTo("price@COMPUTE:H100-GPU-HOUR");
        }

        @Test
        void opensAFeedWithTheFirstPriceAnOraclePublishes() {
            fixture.givenNoPriorActivity()
                    .when(publish("price-1", "2.50"), as(ORACLE))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(published("price-1", ORACLE, "2.50"));
        }

        @Test
        void publishesALaterPriceOnAnExistingFeed() {
            fixture.given(published("price-1", ORACLE, "2.50"))
                    .when(publish("price-2", "2.75"), as(ORACLE2))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(published("price-2", ORACLE2, "2.75"));
        }

        @Test
        void publishesTheSamePriceAgainUnderANewPriceId() {
            fixture.given(published("price-1", ORACLE, "2.50"))
                    .when(publish("price-2", "2.50"), as(ORACLE))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(published("price-2", ORACLE, "2.50"));
        }

        @ParameterizedTest(name = "refuses {0}")
        @ValueSource(strings = {"alice", "issuer"})
        void refusesAPrincipalThatIsNotARegisteredOracle(String principal) {
            fixture.givenNoPriorActivity()
                    .when(publish("price-1", "2.50"), as(HolderId.of(principal)))
                    .expectException(violates(RuleCode.NOT_REGISTERED_ORACLE))
                    .expectNoEvents();
        }

        @Test
        void refusesACommandThatCarriesNoActingPrincipal() {
            fixture.givenNoPriorActivity()
                    .when(publish("price-1", "2.50"))
                    .expectException(violates(RuleCode.PRINCIPAL_MISSING))
                    .expectNoEvents();
        }

        @ParameterizedTest(name = "repeats 1.00 as {0}")
        @ValueSource(strings = {"1.00", "1.0", "1", "1.000000"})
        void answersARepeatOfTheSamePriceWithoutNewEventsWhateverItsTrailingZeros(String samePrice) {
            fixture.given(published("price-1", ORACLE, "1.00"))
                    .when(publish("price-1", samePrice), as(ORACLE))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void refusesTheSamePriceIdWithAnotherPrice() {
            fixture.given(published("price-1", ORACLE, "1.00"))
                    .when(publish("price-1", "1.01"), as(ORACLE))
                    .expectException(violates(RuleCode.ID_REUSED_WITH_OTHER_CONTENT))
                    .expectNoEvents();
        }

        @Test
        void refusesTheSamePriceIdFromAnotherOracle() {
            fixture.given(published("price-1", ORACLE, "1.00"))
                    .when(publish("price-1", "1.00"), as(ORACLE2))
                    .expectException(violates(RuleCode.ID_REUSED_WITH_OTHER_CONTENT))
                    .expectNoEvents();
        }

        @Test
        void stillRemembersAnEarlierPriceIdAfterLaterPrices() {
            fixture.given(published("price-1", ORACLE, "1.00"), published("price-2", ORACLE, "1.10"))
                    .when(publish("price-1", "1.10"), as(ORACLE))
                    .expectException(violates(RuleCode.ID_REUSED_WITH_OTHER_CONTENT))
                    .expectNoEvents();
        }
    }

    @Nested
    class Snapshot {

        /** The feed as the fixture built it from two prices, taken out after a harmless repeat. */
        private PriceFeed feedBuiltFromTwoPrices() {
            AtomicReference<PriceFeed> built = new AtomicReference<>();
            fixture.given(published("price-1", ORACLE, "1.00"), published("price-2", ORACLE2, "1.10"))
                    .when(publish("price-1", "1.0"), as(ORACLE))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectState(built::set);
            return built.get();
        }

        private FixtureConfiguration<PriceFeed> restoringFixture() {
            FixtureConfiguration<PriceFeed> restoring = newFixture();
            restoring.registerAggregateFactory(new RestoringFromSnapshot<>(PriceFeed.class));
            return restoring;
        }

        @Test
        void restoresEveryFieldOfTheFeedFromItsSnapshot() {
            PriceFeed built = feedBuiltFromTwoPrices();

            assertThat(roundTrip(built)).isNotSameAs(built).usingRecursiveComparison().isEqualTo(built);
        }

        @Test
        void remembersThePriceIdsItAcceptedBeforeTheSnapshot() {
            restoringFixture().given(roundTrip(feedBuiltFromTwoPrices()))
                    .when(publish("price-2", "1.20"), as(ORACLE2))
                    .expectException(violates(RuleCode.ID_REUSED_WITH_OTHER_CONTENT))
                    .expectNoEvents();
        }

        @Test
        void answersARepeatAfterTheSnapshotWithoutNewEvents() {
            restoringFixture().given(roundTrip(feedBuiltFromTwoPrices()))
                    .when(publish("price-2", "1.1"), as(ORACLE2))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void publishesANewPriceAfterTheSnapshot() {
            restoringFixture().given(roundTrip(feedBuiltFromTwoPrices()))
                    .when(publish("price-3", "1.20"), as(ORACLE))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(published("price-3", ORACLE, "1.20"));
        }
    }
}
