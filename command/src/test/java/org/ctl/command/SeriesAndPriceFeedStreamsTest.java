package org.ctl.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.ctl.command.pricing.PriceFeed;
import org.ctl.command.series.AdoptedDefaultPolicy;
import org.ctl.command.series.CollateralPrices;
import org.ctl.command.series.AcceptedCommandLog;
import org.ctl.command.series.AcceptedCommandsInStore;
import org.ctl.command.series.CollateralRegistry;
import org.ctl.command.series.TokenSeries;
import org.ctl.command.series.UnknownSeriesTranslation;
import org.ctl.domain.governance.Participants;
import org.ctl.domain.issuance.Collateral;
import org.ctl.domain.issuance.IssuanceRules;
import org.ctl.domain.issuance.IssueToken;
import org.ctl.domain.issuance.VerifyIssuance;
import org.ctl.domain.pricing.PriceFeedId;
import org.ctl.domain.pricing.PriceKind;
import org.ctl.domain.pricing.PricePublished;
import org.ctl.domain.pricing.PublishPrice;
import org.ctl.domain.shared.ActingPrincipal;
import org.ctl.domain.shared.CommandId;
import org.ctl.domain.shared.HolderId;
import org.ctl.domain.shared.Money;
import org.ctl.domain.shared.RuleCode;
import org.ctl.domain.shared.RuleViolation;
import org.ctl.domain.shared.TokenId;
import org.ctl.domain.shared.Units;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Series and price feeds share one event store, whose streams are keyed by aggregate id alone. A feed's id is
 * prefixed ({@code price:KIND:UNIT}) "so that it never meets a series id"; these tests hold the ledger to that,
 * with both aggregates in one Axon configuration over an in-memory store, as infra runs them.
 */
class SeriesAndPriceFeedStreamsTest {

    private static final HolderId ISSUER = HolderId.of("issuer");
    private static final HolderId ORACLE = HolderId.of("oracle");
    private static final PriceFeedId QUBIT_FEED = new PriceFeedId(PriceKind.COLLATERAL, "QUBIT");
    private static final PriceFeedId H100_FEED = new PriceFeedId(PriceKind.COMPUTE, "H100-GPU-HOUR");

    private Configuration ledger;

    @BeforeEach
    void startLedger() {
        ledger = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(configuration -> new InMemoryEventStorageEngine())
                .configureAggregate(TokenSeries.class)
                .configureAggregate(PriceFeed.class)
                .registerComponent(Participants.class,
                        configuration -> new Participants(Set.of(ISSUER), Set.of(ORACLE)))
                .registerComponent(IssuanceRules.class, configuration -> IssuanceRules.defaults())
                .registerComponent(AdoptedDefaultPolicy.class, configuration -> Optional::empty)
                .registerComponent(CollateralRegistry.class, configuration -> collateralId -> Optional.empty())
                .registerComponent(CollateralPrices.class, configuration -> unit -> Optional.empty())
                .registerComponent(AcceptedCommandLog.class,
                        configuration -> new AcceptedCommandsInStore(configuration::eventStore))
                .buildConfiguration();
        ledger.commandBus().registerHandlerInterceptor(new UnknownSeriesTranslation());
        ledger.start();
    }

    @AfterEach
    void stopLedger() {
        ledger.shutdown();
    }

    private void send(Object command, HolderId principal) {
        ledger.commandGateway().sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .andMetaData(Map.of(ActingPrincipal.METADATA_KEY, principal.value())));
    }

    private List<Object> streamOf(String aggregateId) {
        return ledger.eventStore().readEvents(aggregateId).asStream().map(DomainEventMessage::getPayload)
                .map(Object.class::cast).toList();
    }

    @Test
    void keepsASeriesAndAFeedWithOrdinaryIdsInTheirOwnStreams() {
        send(new PublishPrice(CommandId.of("price-1"), QUBIT_FEED, Money.of("0.25")), ORACLE);
        send(new IssueToken(TokenId.of("clt-h100-001"), "H100-GPU-HOUR", Units.of(10), Money.of("1.00"),
                new Collateral("vault-7", null, Units.of(8), Money.of("0.20")), null), ISSUER);

        assertThat(streamOf("price@COLLATERAL:QUBIT")).hasSize(1).first().isInstanceOf(PricePublished.class);
        assertThat(streamOf("clt-h100-001")).hasSize(1);
    }

    @Test
    void neverLetsASeriesBlockAPriceFeed() {
        // Refusing the series id is one way to keep the rule, accepting it in a stream of its own another.
        try {
            send(new IssueToken(TokenId.of(QUBIT_FEED.toString()), "H100-GPU-HOUR", Units.of(10), Money.of("1.00"),
                    new Collateral("vault-7", null, Units.of(8), Money.of("0.20")), null), ISSUER);
        } catch (RuleViolation refused) {
            // the series id was refused: the feed is untouched
        }

        assertThatCode(() -> send(new PublishPrice(CommandId.of("price-1"), QUBIT_FEED, Money.of("0.25")), ORACLE))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesACommandToASeriesIdThatIsAPriceFeedsIdByName() {
        send(new PublishPrice(CommandId.of("price-1"), H100_FEED, Money.of("2.50")), ORACLE);

        assertThatThrownBy(() -> send(new VerifyIssuance(TokenId.of(H100_FEED.toString())), ORACLE))
                .isInstanceOfSatisfying(RuleViolation.class, violation -> assertThat(violation.code())
                        .isIn(RuleCode.UNKNOWN_TOKEN, RuleCode.VALIDATION_FAILED));
    }
}
