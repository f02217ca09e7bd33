package io.matterflow.web;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.validation.BindException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.ModelAndView;

import io.matterflow.access.CurrentActor;
import io.matterflow.common.ConflictException;
import io.matterflow.common.FieldError;
import io.matterflow.common.web.Flash;
import io.matterflow.common.ForbiddenException;
import io.matterflow.common.MatterflowException;
import io.matterflow.common.NotFoundException;
import io.matterflow.common.RateLimitedException;
import io.matterflow.common.TooLargeException;
import io.matterflow.common.web.UiController;
import io.matterflow.common.UnsupportedTypeException;
import io.matterflow.common.ValidationException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The same typed errors as the API, for the UI: an htmx request gets the message (and failing fields) in the
 * flash region with the error status; a page request gets an error page.
 */
@ControllerAdvice(annotations = UiController.class)
@Order(1)
class UiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(UiExceptionHandler.class);

    @ExceptionHandler(MatterflowException.class)
    ModelAndView known(MatterflowException e, HttpServletRequest request, HttpServletResponse response) {
        HttpStatus status = e instanceof NotFoundException ? HttpStatus.NOT_FOUND
                : e instanceof ForbiddenException ? HttpStatus.FORBIDDEN
                : e instanceof ConflictException ? HttpStatus.CONFLICT
                : e instanceof TooLargeException ? HttpStatus.PAYLOAD_TOO_LARGE
                : e instanceof UnsupportedTypeException ? HttpStatus.UNSUPPORTED_MEDIA_TYPE
                : e instanceof RateLimitedException ? HttpStatus.TOO_MANY_REQUESTS
                : e instanceof io.matterflow.common.UnprocessableException ? HttpStatus.UNPROCESSABLE_CONTENT
                : HttpStatus.BAD_REQUEST;
        List<FieldError> errors = e instanceof ValidationException v ? v.errors() : List.of();
        if (e instanceof RateLimitedException tooMany) {
            response.setHeader("Retry-After", Long.toString(tooMany.retryAfterSeconds()));
        }
        return render(request, response, status, e.title(), e.getMessage(), errors);
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class,
            IllegalArgumentException.class})
    ModelAndView badParameter(Exception e, HttpServletRequest request, HttpServletResponse response) {
        return render(request, response, HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage(), List.of());
    }

    /** A form whose fields did not bind (a number that is none, a choice no select offers): each field named. */
    @ExceptionHandler(BindException.class)
    ModelAndView unboundForm(BindException e, HttpServletRequest request, HttpServletResponse response) {
        List<FieldError> errors = e.getFieldErrors().stream()
                .map(f -> new FieldError(f.getField(), "is not a valid value")).toList();
        return render(request, response, HttpStatus.BAD_REQUEST, "Invalid request",
                errors.size() == 1 ? "a field has a value it cannot have" : "fields have values they cannot have",
                errors);
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ModelAndView tooLarge(MaxUploadSizeExceededException e, HttpServletRequest request, HttpServletResponse response) {
        return render(request, response, HttpStatus.PAYLOAD_TOO_LARGE, "Upload too large",
                "the file is larger than the upload limit", List.of());
    }

    /** A multipart body the container could not parse (a NUL in the file name, a cut-off body): the client's doing. */
    @ExceptionHandler(MultipartException.class)
    ModelAndView malformedUpload(MultipartException e, HttpServletRequest request, HttpServletResponse response) {
        return render(request, response, HttpStatus.BAD_REQUEST, "Invalid upload",
                "the file could not be read; check its name and try again", List.of());
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ModelAndView lostRace(Exception e, HttpServletRequest request, HttpServletResponse response) {
        return render(request, response, HttpStatus.CONFLICT, "Concurrent update",
                "someone else changed this at the same time; reload and try again", List.of());
    }

    private ModelAndView render(HttpServletRequest request, HttpServletResponse response, HttpStatus status,
                                String title, String message, List<FieldError> errors) {
        response.setStatus(status.value());
        if (Flash.isHtmx(request)) {
            response.setHeader("HX-Retarget", "#flash");
            response.setHeader("HX-Reswap", "outerHTML");
            var mav = new ModelAndView("fragments/flash :: flash");
            mav.addObject("flash", title + ": " + message);
            mav.addObject("flashKind", "error");
            mav.addObject("flashErrors", errors);
            mav.setStatus(status);
            return mav;
        }
        var mav = new ModelAndView("error/problem");
        mav.addObject("status", status.value());
        mav.addObject("title", title);
        mav.addObject("message", message);
        mav.addObject("errors", errors);
        mav.addObject("me", CurrentActor.get().orElse(null));
        mav.addObject("unreadCount", 0L);
        mav.setStatus(status);
        return mav;
    }
}
