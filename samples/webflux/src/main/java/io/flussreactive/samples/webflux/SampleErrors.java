package io.flussreactive.samples.webflux;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers the sample's own failures as problem details (RFC 9457, {@code application/problem+json}):
 * a status, a title and a detail saying what was wrong. Ahead of Spring Boot's handler of Spring's own
 * failures, which would otherwise take an {@link UnreadableEventsException} for the decoding failure it
 * wraps.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class SampleErrors {

    /** Made by Spring. */
    public SampleErrors() {
    }

    /**
     * A body that could not be read to its end: 400, with how many events before the bad one were
     * stored ({@code stored}) or failed ({@code failed}).
     *
     * @param unreadable the failure
     * @return the problem
     */
    @ExceptionHandler
    public ProblemDetail unreadableEvents(UnreadableEventsException unreadable) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, unreadable.getMessage());
        problem.setTitle("Unreadable event");
        problem.setProperty("stored", unreadable.stored());
        problem.setProperty("failed", unreadable.failed());
        return problem;
    }

    /**
     * Any other invalid request: 400.
     *
     * @param invalid the failure
     * @return the problem
     */
    @ExceptionHandler
    public ProblemDetail invalidRequest(InvalidRequestException invalid) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, invalid.getMessage());
        problem.setTitle("Invalid request");
        return problem;
    }

    /**
     * A user that does not exist: 404.
     *
     * @param notFound the failure
     * @return the problem
     */
    @ExceptionHandler
    public ProblemDetail userNotFound(UserNotFoundException notFound) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, notFound.getMessage());
        problem.setTitle("User not found");
        return problem;
    }
}
