package org.ctl.infra.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.util.function.Function;
import org.ctl.domain.shared.CommandId;
import org.ctl.domain.shared.HolderId;
import org.ctl.domain.shared.Money;
import org.ctl.domain.shared.TokenId;
import org.ctl.domain.shared.Units;
import org.springframework.stereotype.Component;

/**
 * How the ledger's values read in the HTTP API's JSON: ids as strings, amounts of units as JSON integers, money
 * as decimal strings (as the contract says: {@code "14.20"}, never a float).
 */
@Component
public class LedgerJsonModule extends SimpleModule {

    public LedgerJsonModule() {
        super("ledger-values");
        addSerializer(TokenId.class, asString(TokenId::value));
        addSerializer(HolderId.class, asString(HolderId::value));
        addSerializer(CommandId.class, asString(CommandId::value));
        addSerializer(Money.class, asString(money -> money.amount().toPlainString()));
        addSerializer(Units.class, new JsonSerializer<>() {
            @Override
            public void serialize(Units units, JsonGenerator json, SerializerProvider provider) throws IOException {
                json.writeNumber(units.value());
            }
        });
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
