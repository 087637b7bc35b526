package org.ctl.infra.http;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.queryhandling.QueryExecutionException;
import org.ctl.infra.history.HistoryReadRejected;
import org.ctl.infra.projection.ReplayInProgress;
import org.ctl.domain.shared.RuleViolation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every failure of the HTTP API as problem details with a {@code code}, never a stack trace: refusals by
 * ledger rules keep their rule's code; input that cannot even be read is {@code MALFORMED_REQUEST}.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @ExceptionHandler(RuleViolation.class)
    ProblemDetail refused(RuleViolation violation) {
        return Problems.of(Problems.statusOf(violation.code()), violation.code().name(), violation.getMessage());
    }

    @ExceptionHandler(CommandExecutionException.class)
    ProblemDetail commandFailed(CommandExecutionException failure) {
        if (failure.getCause() instanceof RuleViolation violation) {
            return refused(violation);
        }
        return internal(failure);
    }

    @ExceptionHandler(QueryExecutionException.class)
    ResponseEntity<ProblemDetail> queryFailed(QueryExecutionException failure) {
        if (failure.getCause() instanceof RuleViolation violation) {
            return ResponseEntity.status(Problems.statusOf(violation.code())).body(refused(violation));
        }
        if (failure.getCause() instanceof ReplayInProgress replaying) {
            return replaying(replaying);
        }
        return ResponseEntity.internalServerError().body(internal(failure));
    }

    /**
     * A read model being rebuilt: 503 with {@code Retry-After}, the projections named, so that no client takes a
     * half-rebuilt answer for the ledger's state.
     */
    @ExceptionHandler(ReplayInProgress.class)
    ResponseEntity<ProblemDetail> replaying(ReplayInProgress replaying) {
        ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, ReplayInProgress.PROJECTION_REPLAYING,
                replaying.getMessage());
        problem.setProperty("projections", replaying.groups());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "1")
                .body(problem);
    }

    @ExceptionHandler(HistoryReadRejected.class)
    ProblemDetail historyReadRejected(HistoryReadRejected rejected) {
        return Problems.of(HttpStatus.BAD_REQUEST, rejected.code(), rejected.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException unreadable) {
        Throwable cause = unreadable.getMostSpecificCause();
        if (cause instanceof RuleViolation violation) {
            return refused(violation);
        }
        String detail = cause instanceof com.fasterxml.jackson.core.JsonProcessingException json
                ? json.getOriginalMessage()
                : "the request body is missing or is not valid JSON";
        return Problems.of(HttpStatus.BAD_REQUEST, Problems.MALFORMED_REQUEST, detail);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail wrongParameterType(MethodArgumentTypeMismatchException mismatch) {
        return Problems.of(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED",
                "parameter '" + mismatch.getName() + "' has the wrong type");
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ProblemDetail missingParameter(MissingServletRequestParameterException missing) {
        return Problems.of(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED",
                "parameter '" + missing.getParameterName() + "' is missing");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ProblemDetail wrongMethod(HttpRequestMethodNotSupportedException wrong) {
        return Problems.of(HttpStatus.METHOD_NOT_ALLOWED, Problems.METHOD_NOT_ALLOWED, wrong.getMessage());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ProblemDetail wrongMediaType(HttpMediaTypeNotSupportedException wrong) {
        return Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, Problems.UNSUPPORTED_MEDIA_TYPE,
                "send the body as application/json");
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ProblemDetail noSuchPath(NoResourceFoundException missing) {
        return Problems.of(HttpStatus.NOT_FOUND, Problems.NOT_FOUND, "no such resource: /" + missing.getResourcePath());
    }

    @ExceptionHandler(QueryController.ReadForbidden.class)
    ProblemDetail readForbidden(QueryController.ReadForbidden forbidden) {
        return Problems.of(HttpStatus.FORBIDDEN, Problems.FORBIDDEN, forbidden.getMessage());
    }

    /** A command that collided with other nodes' appends more often than the gateway retries it (scale-out). */
    @ExceptionHandler({ConcurrencyException.class, AggregateStreamCreationException.class})
    ProblemDetail collided(RuntimeException collision) {
        return Problems.of(HttpStatus.SERVICE_UNAVAILABLE, Problems.CONCURRENT_UPDATE, "other nodes changed the "
                + "series at the same time, again after every retry; send the command again with the same id: a "
                + "repeat is harmless");
    }

    @ExceptionHandler(LedgerUnavailable.class)
    ProblemDetail unavailable(LedgerUnavailable unavailable) {
        return Problems.of(HttpStatus.SERVICE_UNAVAILABLE, unavailable.code(), unavailable.getMessage());
    }

    /**
     * A client that went away while an answer was streamed to it (a dashboard page closed during a server-sent
     * event): there is nobody to answer and nothing failed in the ledger.
     */
    @ExceptionHandler(AsyncRequestNotUsableException.class)
    void clientGone(AsyncRequestNotUsableException gone) {
        log.debug("a client left during a streamed answer: {}", gone.getMessage());
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail internal(Exception failure) {
        log.error("Unexpected failure of an HTTP request", failure);
        return Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, Problems.INTERNAL_ERROR,
                "the ledger failed to answer; the failure is logged");
    }
}
