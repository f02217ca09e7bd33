package io.matterflow.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingPathVariableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import io.matterflow.action.DocumentProperties;
import io.matterflow.action.FileNames;
import io.matterflow.common.ConflictException;
import io.matterflow.common.FieldError;
import io.matterflow.common.ForbiddenException;
import io.matterflow.common.Json;
import io.matterflow.common.MatterflowException;
import io.matterflow.common.NotFoundException;
import io.matterflow.common.RateLimitedException;
import io.matterflow.common.TooLargeException;
import io.matterflow.common.TypeNames;
import io.matterflow.common.UnauthenticatedException;
import io.matterflow.common.UnprocessableException;
import io.matterflow.common.UnsupportedTypeException;
import io.matterflow.common.ValidationException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every error of a REST route as an RFC 9457 problem detail: 400 with {@code errors: [{field, message}]} for bad
 * input (422 when the input names something that cannot serve, such as a person who may not perform the step),
 * 401, 403, 404, 409 with the conflict's details, 413, 415; never a 500 for what a client sent.
 */
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
@Order(0)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final DocumentProperties documents;

    ApiExceptionHandler(DocumentProperties documents) {
        this.documents = documents;
    }

    @ExceptionHandler(ValidationException.class)
    ProblemDetail validation(ValidationException e) {
        var problem = invalid(e.title(), e.errors());
        if (e instanceof UnprocessableException) {
            problem.setStatus(HttpStatus.UNPROCESSABLE_CONTENT);
        }
        return problem;
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, e);
    }

    @ExceptionHandler(ForbiddenException.class)
    ProblemDetail forbidden(ForbiddenException e) {
        return problem(HttpStatus.FORBIDDEN, e);
    }

    @ExceptionHandler(TooLargeException.class)
    ProblemDetail tooLarge(TooLargeException e) {
        return problem(HttpStatus.PAYLOAD_TOO_LARGE, e);
    }

    @ExceptionHandler(UnsupportedTypeException.class)
    ProblemDetail unsupported(UnsupportedTypeException e) {
        return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, e);
    }

    @ExceptionHandler(RateLimitedException.class)
    ResponseEntity<ProblemDetail> rateLimited(RateLimitedException e) {
        var problem = problem(HttpStatus.TOO_MANY_REQUESTS, e);
        e.details().forEach(problem::setProperty);
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds())).body(problem);
    }

    /**
     * A multipart body the container could not parse: a file name Tomcat refuses (it contains NUL) names the part,
     * anything else (no boundary, cut off) is a malformed body. Both are the client's doing: 400, never 500.
     */
    @ExceptionHandler(MultipartException.class)
    ProblemDetail malformedMultipart(MultipartException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            // Tomcat's org.apache.tomcat.util.http.fileupload.InvalidFileNameException, named rather than imported
            // so that no container internals leak into this class
            if (t.getClass().getSimpleName().equals("InvalidFileNameException")) {
                return invalid("Invalid upload", List.of(new FieldError("file", FileNames.NUL_IN_NAME)));
            }
        }
        log.debug("Unreadable multipart body", e);
        return invalid("Malformed request body",
                List.of(new FieldError("", "is not a well-formed multipart/form-data body")));
    }

    @ExceptionHandler(UnauthenticatedException.class)
    ResponseEntity<ProblemDetail> unauthenticated(UnauthenticatedException e) {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).header(HttpHeaders.WWW_AUTHENTICATE, e.challenge())
                .body(problem(HttpStatus.UNAUTHORIZED, e));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail accessDenied(AccessDeniedException e) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, "you may not do this");
        problem.setTitle("Not permitted");
        return problem;
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<ProblemDetail> unauthenticated(AuthenticationException e) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, "sign in to use this route");
        problem.setTitle("Not signed in");
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                // Bearer only, as the security chain answers: a Basic challenge makes browsers cache a password
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"Matterflow\"")
                .body(problem);
    }

    @ExceptionHandler(ConflictException.class)
    ProblemDetail conflict(ConflictException e) {
        var problem = problem(HttpStatus.CONFLICT, e);
        e.details().forEach(problem::setProperty);
        return problem;
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ProblemDetail lostRace(OptimisticLockingFailureException e) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "someone else changed this at the same time; reload and try again");
        problem.setTitle("Concurrent update");
        return problem;
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ProblemDetail integrity(DataIntegrityViolationException e) {
        log.debug("Refused by a database constraint", e);
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "the change conflicts with existing data; reload and try again");
        problem.setTitle("Conflict");
        return problem;
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        String expected = e.getRequiredType() == null ? "a valid value" : TypeNames.describe(e.getRequiredType());
        return invalid("Invalid request", List.of(new FieldError(e.getName(), "must be " + expected)));
    }

    @ExceptionHandler(RequestTooLargeException.class)
    ProblemDetail tooLarge(RequestTooLargeException e) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE, e.getMessage());
        problem.setTitle("Request too large");
        return problem;
    }

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        // the container's limits sit just above the document limit, and it reports no size of its own (-1)
        long limit = ex.getMaxUploadSize() > 0 ? ex.getMaxUploadSize() : documents.maxSize().toBytes();
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE,
                "the upload is larger than the limit of " + limit + " bytes (matterflow.documents.max-size)");
        problem.setTitle("Upload too large");
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest().body(invalid("Invalid request", fieldErrors(ex.getBindingResult())));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = new ArrayList<>();
        ex.getParameterValidationResults().forEach(result -> result.getResolvableErrors().forEach(error -> {
            String field = result.getMethodParameter().getParameterName();
            if (error instanceof org.springframework.validation.FieldError fe) {
                field = fe.getField();
            }
            errors.add(new FieldError(field == null ? "" : field, error.getDefaultMessage()));
        }));
        return ResponseEntity.badRequest().body(invalid("Invalid request", errors));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest().body(invalid("Invalid request",
                List.of(new FieldError(ex.getParameterName(), "is required"))));
    }

    /**
     * A blank path segment ({@code /api/workflows/steps/%20/claim}) converts to no id at all: a 400 naming the
     * variable, like any other invalid id. A variable missing from the mapping itself stays a server error.
     */
    @Override
    protected ResponseEntity<Object> handleMissingPathVariable(MissingPathVariableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (!ex.isMissingAfterConversion()) {
            return super.handleMissingPathVariable(ex, headers, status, request);
        }
        String expected = TypeNames.describe(ex.getParameter().getParameterType());
        return ResponseEntity.badRequest().body(invalid("Invalid request",
                List.of(new FieldError(ex.getVariableName(), "must be " + expected))));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestPart(MissingServletRequestPartException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest().body(invalid("Invalid request",
                List.of(new FieldError(ex.getRequestPartName(), "is required"))));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof RequestTooLargeException tooLarge) {
                return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(tooLarge(tooLarge));
            }
        }
        // Jackson's own exception names the field; a value it could not convert (a date that is no date) has the
        // converter's exception below it, which names none
        Throwable cause = ex.getMostSpecificCause();
        for (Throwable t = ex.getCause(); t != null; t = t.getCause()) {
            if (t instanceof JacksonException) {
                cause = t;
                break;
            }
        }
        FieldError error;
        if (cause instanceof UnrecognizedPropertyException u) {
            error = new FieldError(Json.path(u), "is not a known field");
        } else if (cause instanceof InvalidFormatException f && Json.isOutOfRange(f.getOriginalMessage())) {
            error = new FieldError(Json.path(f), Json.OUT_OF_RANGE);
        } else if (cause instanceof InvalidFormatException f && f.getValue() instanceof String s
                && s.indexOf('\0') >= 0) {
            error = new FieldError(Json.path(f), Json.NUL_MESSAGE);
        } else if (cause instanceof InvalidFormatException f) {
            error = new FieldError(Json.path(f), "has an invalid value" + TypeNames.expected(f.getTargetType()));
        } else if (cause instanceof MismatchedInputException m) {
            error = new FieldError(Json.path(m), "has the wrong type" + TypeNames.expected(m.getTargetType()));
        } else if (cause instanceof InputCoercionException c) {
            error = new FieldError(Json.path(c), "is out of range" + TypeNames.expected(c.getTargetType()));
        } else if (cause instanceof StreamReadException) {
            error = new FieldError("", "is not well-formed JSON");
        } else if (cause instanceof JacksonException j) {
            error = new FieldError(Json.path(j), "is invalid");
        } else {
            error = new FieldError("", "a JSON body is required");
        }
        return ResponseEntity.badRequest().body(invalid("Malformed request body", List.of(error)));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        if (statusCode.is5xxServerError()) {
            log.error("Request failed: {}", describe(request), ex);
        }
        return super.handleExceptionInternal(ex, body, headers, statusCode, request);
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e, WebRequest request) {
        log.error("Unexpected error on {}", describe(request), e);
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "an unexpected error occurred; it has been logged");
        problem.setTitle("Internal error");
        return problem;
    }

    private static String describe(WebRequest request) {
        return request instanceof ServletWebRequest s
                ? s.getRequest().getMethod() + " " + s.getRequest().getRequestURI() : request.getDescription(false);
    }

    static ProblemDetail invalid(String title, List<FieldError> errors) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, errors.isEmpty() ? title
                : errors.stream().map(e -> (e.field().isEmpty() ? "body" : e.field()) + " " + e.message())
                .reduce((a, b) -> a + "; " + b).orElse(title));
        problem.setTitle(title);
        problem.setProperty("errors", errors.stream().map(e -> Map.of("field", e.field(), "message", e.message()))
                .toList());
        return problem;
    }

    private static ProblemDetail problem(HttpStatus status, MatterflowException e) {
        var problem = ProblemDetail.forStatusAndDetail(status, e.getMessage());
        problem.setTitle(e.title());
        return problem;
    }

    private static List<FieldError> fieldErrors(BindingResult result) {
        List<FieldError> errors = new ArrayList<>();
        result.getFieldErrors().forEach(e -> errors.add(new FieldError(e.getField(), e.getDefaultMessage())));
        result.getGlobalErrors().forEach(e -> errors.add(new FieldError("", e.getDefaultMessage())));
        errors.sort(Comparator.comparing(FieldError::field));
        return errors;
    }
}
