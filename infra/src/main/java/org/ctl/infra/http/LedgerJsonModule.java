package org.ctl.infra.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.util.function.Function;
import org.ctl.domain.governance.poll.PollId;
import org.ctl.domain.loan.LoanId;
import org.ctl.domain.shared.CommandId;
import org.ctl.domain.shared.HolderId;
import org.ctl.domain.shared.Money;
import org.ctl.domain.shared.TokenId;
import org.ctl.domain.shared.Units;
import org.springframework.stereotype.Component;

/**
 * How the ledger's values read in the HTTP API's JSON: ids as strings, amounts of units as JSON integers, money
 * as decimal strings with at least two places (as the contract says: {@code "14.20"}, never a float).
 */
@Component
public class LedgerJsonModule extends SimpleModule {

    public LedgerJsonModule() {
        super("ledger-values");
        addSerializer(TokenId.class, asString(TokenId::value));
        addSerializer(HolderId.class, asString(HolderId::value));
        addSerializer(CommandId.class, asString(CommandId::value));
        addSerializer(LoanId.class, asString(LoanId::value));
        addSerializer(PollId.class, asString(PollId::value));
        addSerializer(Money.class, asString(LedgerJsonModule::decimal));
        addSerializer(Units.class, new JsonSerializer<>() {
            @Override
            public void serialize(Units units, JsonGenerator json, SerializerProvider provider) throws IOException {
                json.writeNumber(units.value());
            }
        });
    }

    /** At least cents ("4.00", "0.20"), more places only where the amount has them (a price of 0.125). */
    static String decimal(Money money) {
        var amount = money.amount().stripTrailingZeros();
        return (amount.scale() < Money.DISPLAY_SCALE ? amount.setScale(Money.DISPLAY_SCALE) : amount).toPlainString();
    }

    private static <T> JsonSerializer<T> asString(Function<T, String> text) {
        return new JsonSerializer<>() {
            @Override
            public void serialize(T value, JsonGenerator json, SerializerProvider provider) throws IOException {
                json.writeString(text.apply(value));
            }
        };
    }
}
