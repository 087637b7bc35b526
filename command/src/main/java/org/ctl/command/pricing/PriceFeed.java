package org.ctl.command.pricing;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.ctl.domain.shared.RuleViolation.require;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.ctl.domain.governance.Participants;
import org.ctl.domain.pricing.PricePublished;
import org.ctl.domain.pricing.PublishPrice;
import org.ctl.domain.shared.ActingPrincipal;
import org.ctl.domain.shared.CommandReceipt;
import org.ctl.domain.shared.HolderId;
import org.ctl.domain.shared.RuleCode;

/**
 * The prices oracles publish for one unit of compute or of collateral. Its id is {@code price:KIND:UNIT}, so it
 * never shares a stream with a series.
 */
@Aggregate(snapshotTriggerDefinition = "priceFeedSnapshotTrigger", cache = "priceFeedCache")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public class PriceFeed {

    @AggregateIdentifier
    private String feedId;
    /** Price id to the oracle and price accepted under it, and the sequence number of its event. */
    private Map<String, AcceptedPrice> acceptedPrices = new HashMap<>();

    /** A publication the feed accepted: its content, and where its event stands, so a repeat answers the same. */
    record AcceptedPrice(String content, long sequence) {
    }

    protected PriceFeed() {
        // Axon builds the aggregate from its events (or a snapshot) through this constructor.
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    CommandReceipt handle(PublishPrice command, @MetaDataValue(ActingPrincipal.METADATA_KEY) String principal,
                Participants participants) {
        HolderId actor = ActingPrincipal.require(principal);
        require(participants.isOracle(actor), RuleCode.NOT_REGISTERED_ORACLE, actor + " is not a registered oracle");
        String content = actor + "|" + command.price().amount().stripTrailingZeros().toPlainString();
        AcceptedPrice accepted = acceptedPrices.get(command.priceId().value());
        if (accepted != null) {
            require(accepted.content().equals(content), RuleCode.ID_REUSED_WITH_OTHER_CONTENT,
                    "price id " + command.priceId() + " was used before with other content");
            return new CommandReceipt(feedId, accepted.sequence(), true);
        }
        apply(new PricePublished(command.feed(), command.priceId(), actor, command.price()));
        return new CommandReceipt(feedId, AggregateLifecycle.getVersion(), false);
    }

    @EventSourcingHandler
    void on(PricePublished event, @SequenceNumber long sequence) {
        feedId = event.feed().toString();
        acceptedPrices.put(event.priceId().value(), new AcceptedPrice(
                event.oracle() + "|" + event.price().amount().stripTrailingZeros().toPlainString(), sequence));
    }
}
