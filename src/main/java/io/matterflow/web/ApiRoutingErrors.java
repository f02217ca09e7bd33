package io.matterflow.web;

import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Errors raised before any REST controller is chosen — an unknown route (404), a method the route does not have
 * (405), a content type no mapping consumes (415) — are problem details under {@code /api/} as well.
 * {@link ApiExceptionHandler} applies to REST controllers only, so without this they had no body at all. Other paths
 * (the UI) keep the default error handling: the exception is rethrown, which lets the next resolver handle it.
 */
@RestControllerAdvice
@Order(1)
class ApiRoutingErrors {

    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class,
            HttpRequestMethodNotSupportedException.class, HttpMediaTypeNotSupportedException.class})
    ResponseEntity<ProblemDetail> routing(Exception e, HttpServletRequest request) throws Exception {
        if (!request.getRequestURI().startsWith(request.getContextPath() + "/api/")
                || !(e instanceof ErrorResponse error)) {
            throw e;
        }
        return ResponseEntity.status(error.getStatusCode()).headers(error.getHeaders()).body(error.getBody());
    }
}
