package org.ctl.infra.audit.chain;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.ctl.domain.issuance.TokenIssued;
import org.ctl.domain.shared.HolderId;
import org.ctl.domain.shared.RuleCode;
import org.ctl.domain.shared.RuleViolation;
import org.ctl.domain.shared.TokenId;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;

/**
 * A series' full provenance with its hashes, for auditors' own tools: one entry per stored event of the series (and
 * one per chained event that is no longer stored), in global-index order, with its stored columns, its fields and
 * metadata as JSON, its event hash, series chain hash and ledger chain hash, and a status from recomputing the
 * series chain while exporting: {@code VERIFIED}, {@code BROKEN} (from the first break on), {@code UNCHAINED} (after
 * the chained head), {@code MISSING} (chained, no longer stored). Written as it is read, in batches.
 */
@Service
public class SeriesExport {

    static final String VERIFIED = "VERIFIED";
    static final String BROKEN = "BROKEN";
    static final String UNCHAINED = "UNCHAINED";
    static final String MISSING = "MISSING";
    private static final String[] CSV_HEADER = {"global_index", "sequence_number", "timestamp", "event_type",
            "event_identifier", "payload_type", "payload_revision", "fields", "meta_data", "event_hash",
            "series_hash", "ledger_hash", "status"};

    private final StoredEvents events;
    private final ChainLinks links;
    private final Serializer eventSerializer;
    private final ObjectMapper json;
    private final AuditChainProperties properties;
    private final Clock clock = Clock.systemUTC();

    public SeriesExport(StoredEvents events, ChainLinks links, @Qualifier("eventSerializer") Serializer eventSerializer,
                        ObjectMapper json, AuditChainProperties properties) {
        this.events = events;
        this.links = links;
        this.eventSerializer = eventSerializer;
        this.json = json;
        this.properties = properties;
    }

    /** The issuer of a series, from its stored issuance event; {@code UNKNOWN_TOKEN} when it has none. */
    public HolderId issuerOf(TokenId tokenId) {
        StoredEvent issuance = events.ofAggregateAt(tokenId.value(), 0).stream()
                .filter(row -> TokenIssued.class.getName().equals(row.payloadType()))
                .findFirst()
                .orElseThrow(() -> new RuleViolation(RuleCode.UNKNOWN_TOKEN, "no series " + tokenId + " was issued"));
        TokenIssued issued = eventSerializer.deserialize(new SimpleSerializedObject<>(issuance.payload(), byte[].class,
                issuance.payloadType(), issuance.payloadRevision()));
        return issued.issuer();
    }

    /** Writes the export of a series (see {@link #issuerOf} for its existence) to {@code out}. */
    public void write(TokenId tokenId, ExportFormat format, OutputStream out) throws IOException {
        long chainedHead = links.head().map(ChainLink::globalIndex).orElse(-1L);
        if (format == ExportFormat.JSON) {
            writeJson(tokenId, chainedHead, out);
        } else {
            writeCsv(tokenId, chainedHead, out);
        }
    }

    private void writeJson(TokenId tokenId, long chainedHead, OutputStream out) throws IOException {
        try (JsonGenerator generator = json.getFactory().createGenerator(out)) {
            generator.writeStartObject();
            generator.writeStringField("tokenId", tokenId.value());
            generator.writeStringField("exportedAt", clock.instant().toString());
            generator.writeStringField("algorithm", "SHA-256");
            generator.writeStringField("canonicalForm", "CTL-EVENT-1");
            generator.writeNumberField("chainedHead", chainedHead);
            generator.writeArrayFieldStart("events");
            Summary summary = walk(tokenId, chainedHead, entry -> {
                generator.writeStartObject();
                generator.writeNumberField("globalIndex", entry.globalIndex);
                generator.writeNumberField("sequenceNumber", entry.sequenceNumber);
                generator.writeStringField("timestamp", entry.timestamp);
                generator.writeStringField("eventType", entry.eventType);
                generator.writeStringField("eventIdentifier", entry.eventIdentifier);
                generator.writeStringField("payloadType", entry.payloadType);
                generator.writeStringField("payloadRevision", entry.payloadRevision);
                generator.writeFieldName("fields");
                generator.writeTree(entry.fields);
                generator.writeFieldName("metaData");
                generator.writeTree(entry.metaData);
                generator.writeStringField("eventHash", entry.eventHash);
                generator.writeStringField("seriesHash", entry.seriesHash);
                generator.writeStringField("ledgerHash", entry.ledgerHash);
                generator.writeStringField("status", entry.status);
                generator.writeEndObject();
            });
            generator.writeEndArray();
            generator.writeObjectFieldStart("summary");
            generator.writeNumberField("events", summary.events);
            generator.writeNumberField("verified", summary.verified);
            generator.writeStringField("seriesChain", summary.firstBreak < 0 ? "INTACT" : BROKEN);
            if (summary.firstBreak >= 0) {
                generator.writeNumberField("firstBreakAtGlobalIndex", summary.firstBreak);
            }
            generator.writeEndObject();
            generator.writeEndObject();
        }
    }

    private void writeCsv(TokenId tokenId, long chainedHead, OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        csvLine(writer, CSV_HEADER);
        walk(tokenId, chainedHead, entry -> csvLine(writer, new String[] {
                Long.toString(entry.globalIndex), Long.toString(entry.sequenceNumber), entry.timestamp,
                entry.eventType, entry.eventIdentifier, entry.payloadType, entry.payloadRevision,
                entry.fields.isNull() ? null : json.writeValueAsString(entry.fields),
                entry.metaData.isNull() ? null : json.writeValueAsString(entry.metaData),
                entry.eventHash, entry.seriesHash, entry.ledgerHash, entry.status}));
        writer.flush();
    }

    /** One CSV record as RFC 4180 has it: a field with a comma, quote or line break is quoted, quotes doubled. */
    static void csvLine(Writer writer, String[] fields) throws IOException {
        for (int at = 0; at < fields.length; at++) {
            if (at > 0) {
                writer.write(',');
            }
            writer.write(csvField(fields[at]));
        }
        writer.write("\r\n");
    }

    static String csvField(String value) {
        if (value == null) {
            return "";
        }
        boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0;
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }

    /** What one export entry holds. */
    private static final class Entry {
        long globalIndex;
        long sequenceNumber;
        String timestamp;
        String eventType;
        String eventIdentifier;
        String payloadType;
        String payloadRevision;
        JsonNode fields;
        JsonNode metaData;
        String eventHash;
        String seriesHash;
        String ledgerHash;
        String status;
    }

    private record Summary(long events, long verified, long firstBreak) {
    }

    @FunctionalInterface
    private interface EntrySink {
        void accept(Entry entry) throws IOException;
    }

    /** Merges the series' rows and links by global index, recomputing the series chain, entry by entry. */
    private Summary walk(TokenId tokenId, long chainedHead, EntrySink sink) throws IOException {
        String aggregate = tokenId.value();
        int batchSize = properties.batchSize();
        OrderedBatches<StoredEvent> rows = new OrderedBatches<>(-1, batchSize,
                after -> events.ofAggregate(aggregate, after, batchSize), StoredEvent::globalIndex);
        OrderedBatches<ChainLink> chain = new OrderedBatches<>(-1, batchSize,
                after -> links.ofAggregate(aggregate, after, batchSize), ChainLink::globalIndex);
        EventHasher hasher = new EventHasher();
        byte[] seriesHash = EventHasher.GENESIS;
        long nextSequence = 0;
        long count = 0;
        long verified = 0;
        long firstBreak = -1;
        Entry entry = new Entry();
        while (true) {
            long next = Math.min(rows.peekIndex(), chain.peekIndex());
            if (next == OrderedBatches.END) {
                break;
            }
            StoredEvent row = rows.takeAt(next);
            ChainLink link = chain.takeAt(next);
            byte[] eventHash = row == null ? null : hasher.eventHash(row);
            String status;
            if (row == null) {
                status = MISSING;
            } else if (link == null) {
                status = row.globalIndex() > chainedHead ? UNCHAINED : BROKEN;
            } else {
                seriesHash = hasher.chain(seriesHash, eventHash);
                boolean holds = row.eventIdentifier().equals(link.eventIdentifier())
                        && row.sequenceNumber() == link.sequenceNumber() && row.sequenceNumber() == nextSequence
                        && EventHasher.same(eventHash, link.eventHash())
                        && EventHasher.same(seriesHash, link.seriesHash());
                status = holds ? VERIFIED : BROKEN;
                nextSequence = row.sequenceNumber() + 1;
            }
            if (firstBreak < 0 && (status.equals(BROKEN) || status.equals(MISSING))) {
                firstBreak = next;
            }
            if (firstBreak >= 0 && status.equals(VERIFIED)) {
                status = BROKEN;
            }
            fill(entry, row, link, eventHash, status);
            sink.accept(entry);
            count++;
            if (status.equals(VERIFIED)) {
                verified++;
            }
        }
        return new Summary(count, verified, firstBreak);
    }

    private void fill(Entry entry, StoredEvent row, ChainLink link, byte[] eventHash, String status) {
        entry.globalIndex = row != null ? row.globalIndex() : link.globalIndex();
        entry.sequenceNumber = row != null ? row.sequenceNumber() : link.sequenceNumber();
        entry.eventIdentifier = row != null ? row.eventIdentifier() : link.eventIdentifier();
        entry.timestamp = row == null ? null : row.timestamp();
        entry.payloadType = row == null ? null : row.payloadType();
        entry.eventType = row == null ? null : simpleName(row.payloadType());
        entry.payloadRevision = row == null ? null : row.payloadRevision();
        entry.fields = row == null ? json.nullNode() : tree(row.payload());
        entry.metaData = row == null ? json.nullNode() : tree(row.metaData());
        entry.eventHash = ChainVerifier.hex(row != null ? eventHash : link.eventHash());
        entry.seriesHash = link == null ? null : ChainVerifier.hex(link.seriesHash());
        entry.ledgerHash = link == null ? null : ChainVerifier.hex(link.ledgerHash());
        entry.status = status;
    }

    private JsonNode tree(byte[] stored) {
        if (stored == null) {
            return json.nullNode();
        }
        try {
            return json.readTree(stored);
        } catch (IOException notJson) {
            return json.getNodeFactory().textNode(new String(stored, StandardCharsets.UTF_8));
        }
    }

    private static String simpleName(String type) {
        return type.substring(type.lastIndexOf('.') + 1);
    }
}
