package org.ctl.infra.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request body over {@link #MAX_BODY_BYTES} with 413 problem details, before anything reads it. No
 * command of the ledger needs more; a body without a declared length is refused too, rather than read blind.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class BodySizeLimit extends OncePerRequestFilter {

    /** The largest request body accepted. */
    public static final long MAX_BODY_BYTES = 16 * 1024;

    private final ObjectMapper json;

    public BodySizeLimit(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long length = request.getContentLengthLong();
        boolean chunked = "chunked".equalsIgnoreCase(request.getHeader("Transfer-Encoding"));
        if (length > MAX_BODY_BYTES || chunked) {
            response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            json.writeValue(response.getOutputStream(), Problems.of(HttpStatus.PAYLOAD_TOO_LARGE,
                    Problems.PAYLOAD_TOO_LARGE, chunked
                            ? "send the body with a Content-Length of at most " + MAX_BODY_BYTES + " bytes"
                            : "the body has " + length + " bytes; at most " + MAX_BODY_BYTES + " are accepted"));
            return;
        }
        chain.doFilter(request, response);
    }
}
