package org.ctl.infra.http;

import java.net.URI;
import org.ctl.domain.shared.RuleCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * RFC 9457 problem details with the ledger's extra {@code code}, and the HTTP status each rule maps to:
 * 400 invalid input, 401 no principal, 403 wrong principal or role, 404 unknown series or pledge, 409 a ledger
 * rule refused the command, 422 a command id reused with other content.
 */
public final class Problems {

    /** Codes of refusals that happen at the HTTP edge, before any command exists. */
    public static final String MALFORMED_REQUEST = "MALFORMED_REQUEST";
    public static final String UNAUTHENTICATED = "UNAUTHENTICATED";
    public static final String FORBIDDEN = "FORBIDDEN";
    public static final String NOT_FOUND = "NOT_FOUND";
    public static final String METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED";
    public static final String UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE";
    public static final String PAYLOAD_TOO_LARGE = "PAYLOAD_TOO_LARGE";
    public static final String PROJECTION_BEHIND = "PROJECTION_BEHIND";
    public static final String LEDGER_TIMEOUT = "LEDGER_TIMEOUT";
    /** Another node kept appending to the same series; the command was retried and then given up. */
    public static final String CONCURRENT_UPDATE = "CONCURRENT_UPDATE";
    public static final String INTERNAL_ERROR = "INTERNAL_ERROR";

    private Problems() {
    }

    public static ProblemDetail of(HttpStatus status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:ctl:problem:" + code.toLowerCase().replace('_', '-')));
        problem.setTitle(status.getReasonPhrase());
        problem.setProperty("code", code);
        return problem;
    }

    public static HttpStatus statusOf(RuleCode code) {
        return switch (code) {
            case VALIDATION_FAILED, AMOUNT_MUST_BE_POSITIVE, PRICE_MUST_BE_POSITIVE, AMOUNT_OVERFLOW,
                 COMPUTE_VALUE_MUST_BE_POSITIVE, SAME_HOLDER, INSTANT_NOT_IN_FUTURE, TERM_TOO_LONG ->
                    HttpStatus.BAD_REQUEST;
            case PRINCIPAL_MISSING -> HttpStatus.UNAUTHORIZED;
            case NOT_REGISTERED_ISSUER, NOT_REGISTERED_ORACLE, NOT_HOLDER, NOT_PLEDGEE, SELF_VERIFICATION,
                 NOT_LENDER, NOT_BORROWER, NOT_LOAN_PARTY, NOT_GOVERNANCE_MEMBER, LOAN_STEP_RESERVED ->
                    HttpStatus.FORBIDDEN;
            case UNKNOWN_TOKEN, UNKNOWN_PLEDGE, UNKNOWN_LOAN, UNKNOWN_POLL -> HttpStatus.NOT_FOUND;
            case ID_REUSED_WITH_OTHER_CONTENT -> HttpStatus.UNPROCESSABLE_ENTITY;
            case SERIES_ALREADY_ISSUED, COLLATERAL_ALREADY_BACKS_A_SERIES, COLLATERALIZATION_BELOW_MINIMUM,
                 ALREADY_VERIFIED, TOKEN_NOT_ACTIVE, SERIES_ALREADY_SETTLED, INSUFFICIENT_AVAILABLE_BALANCE,
                 PLEDGE_NOT_OPEN, LOAN_NOT_OFFERED, LOAN_OVERDUE, LOAN_NOT_OPEN, LOAN_REPAYMENT_IN_PROGRESS,
                 LOAN_NOT_DUE, LOAN_STEP_OUT_OF_ORDER, POLL_CLOSED -> HttpStatus.CONFLICT;
        };
    }
}
