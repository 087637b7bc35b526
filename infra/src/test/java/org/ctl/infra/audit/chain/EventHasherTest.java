package org.ctl.infra.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The canonical form as the README documents it, computed here independently (a DataOutputStream writes big-endian
 * numbers and lengths), so an outside auditor's own implementation can be checked against the same vector.
 */
class EventHasherTest {

    private static final byte[] PAYLOAD = "{\"tokenId\":\"A\",\"amount\":3}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] META = "{\"principal\":\"issuer\"}".getBytes(StandardCharsets.UTF_8);
    private static final StoredEvent EVENT = new StoredEvent(7, "e-7", "A", 2, "TokenSeries",
            "2026-11-25T12:00:00Z", "org.ctl.domain.transfer.UnitsTransferred", "1", PAYLOAD, META);

    @Test
    void theEventHashIsSha256OverTheDocumentedCanonicalForm() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write("CTL-EVENT-1".getBytes(StandardCharsets.US_ASCII));
        out.writeLong(7);
        text(out, "e-7");
        text(out, "A");
        out.writeLong(2);
        text(out, "TokenSeries");
        text(out, "2026-11-25T12:00:00Z");
        text(out, "org.ctl.domain.transfer.UnitsTransferred");
        text(out, "1");
        out.writeInt(PAYLOAD.length);
        out.write(PAYLOAD);
        out.writeInt(META.length);
        out.write(META);
        byte[] expected = MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray());

        assertThat(HexFormat.of().formatHex(new EventHasher().eventHash(EVENT)))
                .isEqualTo(HexFormat.of().formatHex(expected));
    }

    @Test
    void aChainHashIsSha256OverThePreviousHashAndTheEventHash() throws Exception {
        EventHasher hasher = new EventHasher();
        byte[] event = hasher.eventHash(EVENT);
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update(new byte[32]);
        sha256.update(event);
        assertThat(hasher.chain(EventHasher.GENESIS, event)).isEqualTo(sha256.digest());
    }

    @Test
    void absentColumnsAndShiftedBytesHashDifferently() {
        EventHasher hasher = new EventHasher();
        List<StoredEvent> variants = List.of(EVENT,
                new StoredEvent(7, "e-7", "A", 2, "TokenSeries", "2026-11-25T12:00:00Z",
                        "org.ctl.domain.transfer.UnitsTransferred", null, PAYLOAD, META),
                new StoredEvent(7, "e-7", "A", 2, "TokenSeries", "2026-11-25T12:00:00Z",
                        "org.ctl.domain.transfer.UnitsTransferred", "", PAYLOAD, META),
                new StoredEvent(7, "e-7", "A", 2, "TokenSeries", "2026-11-25T12:00:00Z",
                        "org.ctl.domain.transfer.UnitsTransferred", "1", PAYLOAD, null),
                new StoredEvent(7, "e-7A", "", 2, "TokenSeries", "2026-11-25T12:00:00Z",
                        "org.ctl.domain.transfer.UnitsTransferred", "1", PAYLOAD, META),
                new StoredEvent(8, "e-7", "A", 2, "TokenSeries", "2026-11-25T12:00:00Z",
                        "org.ctl.domain.transfer.UnitsTransferred", "1", PAYLOAD, META));
        assertThat(variants.stream().map(hasher::eventHash).map(HexFormat.of()::formatHex).distinct())
                .hasSize(variants.size());
        assertThat(hasher.eventHash(EVENT)).as("deterministic").isEqualTo(new EventHasher().eventHash(EVENT));
    }

    @Test
    void csvFieldsAreQuotedOnlyWhenTheyMustBeAndQuotesAreDoubled() {
        assertThat(SeriesExport.csvField("plain")).isEqualTo("plain");
        assertThat(SeriesExport.csvField(null)).isEmpty();
        assertThat(SeriesExport.csvField("a,b")).isEqualTo("\"a,b\"");
        assertThat(SeriesExport.csvField("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(SeriesExport.csvField("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(SeriesExport.csvField("cr\rhere")).isEqualTo("\"cr\rhere\"");
    }

    private static void text(DataOutputStream out, String value) throws IOException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }
}
