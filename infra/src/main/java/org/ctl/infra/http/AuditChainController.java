package org.ctl.infra.http;

import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;
import org.ctl.domain.shared.HolderId;
import org.ctl.domain.shared.RuleCode;
import org.ctl.domain.shared.RuleViolation;
import org.ctl.domain.shared.TokenId;
import org.ctl.infra.audit.chain.ChainVerification;
import org.ctl.infra.audit.chain.ChainVerifier;
import org.ctl.infra.audit.chain.DigestCheck;
import org.ctl.infra.audit.chain.ExportFormat;
import org.ctl.infra.audit.chain.LedgerDigest;
import org.ctl.infra.audit.chain.LedgerDigests;
import org.ctl.infra.audit.chain.SeriesExport;
import org.ctl.infra.security.Roles;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Tamper evidence for auditors: {@code GET /api/audit/chain} recomputes the hash chain from the raw event rows and
 * names the first break; {@code GET /api/audit/digest} gives the chained head's global index and hash to keep;
 * {@code POST /api/audit/digest/verify} (or {@code GET} with {@code globalIndex} and {@code hash}) checks a kept
 * digest against today's ledger; {@code GET /api/audit/tokens/{id}/export?format=json|csv} exports a series'
 * provenance with its hashes (for auditors and the series' issuer).
 */
@RestController
@RequestMapping("/api/audit")
public class AuditChainController {

    private static final Pattern HASH = Pattern.compile("[0-9a-fA-F]{64}");

    private final ChainVerifier verifier;
    private final LedgerDigests digests;
    private final SeriesExport export;

    public AuditChainController(ChainVerifier verifier, LedgerDigests digests, SeriesExport export) {
        this.verifier = verifier;
        this.digests = digests;
        this.export = export;
    }

    @GetMapping("/chain")
    ChainVerification chain() {
        return verifier.verify();
    }

    @GetMapping("/digest")
    LedgerDigest digest() {
        return digests.current();
    }

    /** A digest kept earlier: the global index and the hash {@code GET /api/audit/digest} gave. */
    public record DigestRequest(Long globalIndex, String hash) {
    }

    @PostMapping("/digest/verify")
    ResponseEntity<?> verifyDigest(@RequestBody DigestRequest digest) {
        return check(digest.globalIndex(), digest.hash());
    }

    @GetMapping("/digest/verify")
    ResponseEntity<?> verifyDigest(@RequestParam Long globalIndex, @RequestParam String hash) {
        return check(globalIndex, hash);
    }

    private ResponseEntity<?> check(Long globalIndex, String hash) {
        if (globalIndex == null || globalIndex < -1) {
            return invalid("globalIndex must be the digest's global index: an integer of -1 or more");
        }
        if (hash == null || !HASH.matcher(hash).matches()) {
            return invalid("hash must be the digest's SHA-256 hash: 64 hexadecimal characters");
        }
        DigestCheck checked = digests.check(globalIndex, HexFormat.of().parseHex(hash.toLowerCase(Locale.ROOT)));
        return ResponseEntity.ok(checked);
    }

    private static ResponseEntity<ProblemDetail> invalid(String detail) {
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", detail));
    }

    /**
     * A series' provenance with its hashes, as {@code format=json} (the default) or {@code csv}; without
     * {@code format}, an {@code Accept: text/csv} asks for CSV. For auditors and the series' issuer.
     */
    @GetMapping("/tokens/{tokenId}/export")
    ResponseEntity<StreamingResponseBody> export(@PathVariable String tokenId, @RequestParam(required = false) String format,
                             @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
                             Authentication principal) {
        ExportFormat chosen;
        if (format != null) {
            chosen = ExportFormat.named(format).orElseThrow(() ->
                    new RuleViolation(RuleCode.VALIDATION_FAILED, "format must be json or csv"));
        } else {
            chosen = accept != null && accept.contains("text/csv") ? ExportFormat.CSV : ExportFormat.JSON;
        }
        TokenId series = TokenId.of(tokenId);
        HolderId issuer = export.issuerOf(series);
        boolean auditor = principal.getAuthorities().stream()
                .anyMatch(granted -> granted.getAuthority().equals("ROLE_" + Roles.AUDITOR));
        if (!auditor && !issuer.value().equals(principal.getName())) {
            throw new QueryController.ReadForbidden("only the issuer of " + tokenId + " and auditors may export it");
        }
        StreamingResponseBody body = out -> export.write(series, chosen, out);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(chosen.mediaType()))
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"" + tokenId + "-provenance." + chosen.extension() + "\"")
                .body(body);
    }
}
