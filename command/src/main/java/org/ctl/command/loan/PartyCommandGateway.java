package org.ctl.command.loan;

import java.util.Optional;
import org.ctl.domain.shared.HolderId;
import org.ctl.domain.shared.RuleCode;

/**
 * How the loan saga sends a step: with the authority of the party whose units or pledge the step touches, which
 * that party gave when it offered (the lender) or accepted and repaid (the borrower) the loan. The principal
 * travels as for every other command (the ledger's implementation runs the send as that principal, so that the
 * one place that writes the principal into a command's metadata stays the only one); the series then checks
 * its ownership rules as for any caller. Each command it sends carries the loan-step mark
 * ({@link org.ctl.domain.loan.LoanSteps#METADATA_KEY}): the series accept ids of the loans' name space from
 * loan steps only.
 */
public interface PartyCommandGateway {

    /**
     * Sends {@code command} on behalf of {@code party} and waits for its outcome.
     *
     * @return empty when the command was accepted (or was a harmless repeat), else the rule that refused it
     * @throws RuntimeException when the outcome is unknown (a timeout, a storage failure): the saga's event is
     *                          then retried, and the step's derived id makes a second send a harmless repeat
     */
    Optional<RuleCode> send(HolderId party, Object command);
}
