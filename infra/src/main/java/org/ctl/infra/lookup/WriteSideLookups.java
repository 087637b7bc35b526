package org.ctl.infra.lookup;

import java.math.BigDecimal;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.ctl.command.series.CollateralPrices;
import org.ctl.command.series.CollateralRegistry;
import org.ctl.domain.issuance.TokenIssued;
import org.ctl.domain.pricing.PriceKind;
import org.ctl.domain.pricing.PricePublished;
import org.ctl.domain.shared.Money;
import org.ctl.domain.shared.TokenId;
import org.ctl.domain.shared.RuleCode;
import org.ctl.domain.shared.RuleViolation;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The two facts the write side needs across aggregates, kept in tables written by a subscribing processor in
 * the same transaction as the events they follow (Axon's set-based validation): which series each collateral
 * id backs, whose primary key makes a second series on one collateral fail to commit even when two
 * issuances race, and the latest published price per collateral unit.
 */
@Component
@ProcessingGroup(WriteSideLookups.PROCESSING_GROUP)
public class WriteSideLookups implements CollateralRegistry, CollateralPrices {

    /** The subscribing processing group of these lookups; its errors fail the command that caused them. */
    public static final String PROCESSING_GROUP = "write-side-lookups";

    private final JdbcTemplate jdbc;

    public WriteSideLookups(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Binds the collateral to the series. When another issuance bound it first (a race the aggregate's check
     * could not see), the key refuses this one, and with it the whole command.
     */
    @EventHandler
    void on(TokenIssued event) {
        String collateralId = event.collateral().collateralId();
        try {
            jdbc.update("INSERT INTO collateral_binding (collateral_id, token_id) VALUES (?, ?)",
                    collateralId, event.tokenId().value());
        } catch (DuplicateKeyException boundMeanwhile) {
            throw new RuleViolation(RuleCode.COLLATERAL_ALREADY_BACKS_A_SERIES,
                    "collateral " + collateralId + " was bound to another series by a concurrent issuance");
        }
    }

    @EventHandler
    void on(PricePublished event) {
        if (event.feed().kind() != PriceKind.COLLATERAL) {
            return;
        }
        int updated = jdbc.update("UPDATE collateral_price SET price = ? WHERE unit = ?",
                event.price().amount(), event.feed().unit());
        if (updated == 0) {
            jdbc.update("INSERT INTO collateral_price (unit, price) VALUES (?, ?)",
                    event.feed().unit(), event.price().amount());
        }
    }

    @Override
    public Optional<TokenId> seriesBackedBy(String collateralId) {
        return jdbc.queryForList("SELECT token_id FROM collateral_binding WHERE collateral_id = ?", String.class,
                collateralId).stream().findFirst().map(TokenId::of);
    }

    @Override
    public Optional<Money> latest(String unit) {
        return jdbc.queryForList("SELECT price FROM collateral_price WHERE unit = ?", BigDecimal.class, unit)
                .stream().findFirst().map(Money::new);
    }
}
