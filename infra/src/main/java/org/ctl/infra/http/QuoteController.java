package org.ctl.infra.http;

import java.math.BigDecimal;
import org.ctl.domain.pricing.PricingKernel;
import org.ctl.domain.shared.Money;
import org.ctl.domain.shared.RuleCode;
import org.ctl.domain.shared.RuleViolation;
import org.ctl.domain.shared.Units;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The seed's pricing sandbox: the five figures for any inputs, no ledger data. As in the seed, zero collateral
 * is accepted (it prices at the maximum premium); a compute value of zero is refused by name.
 */
@RestController
public class QuoteController {

    private final PricingKernel kernel;

    public QuoteController(PricingKernel kernel) {
        this.kernel = kernel;
    }

    @GetMapping("/api/quote")
    PricingFigures quote(@RequestParam long computeRights, @RequestParam BigDecimal pricePerComputeRight,
                         @RequestParam long qubits, @RequestParam BigDecimal qubitPrice) {
        RuleViolation.require(computeRights >= 0, RuleCode.AMOUNT_MUST_BE_POSITIVE,
                "computeRights must not be negative, was " + computeRights);
        RuleViolation.require(qubits >= 0, RuleCode.AMOUNT_MUST_BE_POSITIVE, "qubits must not be negative, was " + qubits);
        return PricingFigures.of(kernel.price(Units.of(computeRights),
                Money.nonNegative(pricePerComputeRight, "pricePerComputeRight"), Units.of(qubits),
                Money.nonNegative(qubitPrice, "qubitPrice")));
    }
}
