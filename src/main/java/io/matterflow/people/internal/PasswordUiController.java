package io.matterflow.people.internal;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.matterflow.common.FieldError;
import io.matterflow.common.RateLimitedException;
import io.matterflow.common.web.UiController;
import io.matterflow.common.ValidationException;
import io.matterflow.people.PasswordPolicy;
import io.matterflow.people.People;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The public password pages: choosing a password from an invitation's or reset's one-time link, and "Forgot
 * password". Both are plain forms with the CSRF token. The link's secret is in the page's address, so these pages
 * send no referrer and are not cached.
 */
@UiController
class PasswordUiController {

    private final People people;

    PasswordUiController(People people) {
        this.people = people;
    }

    @GetMapping("/password/set")
    String setForm(@RequestParam(required = false) String token, Model model, HttpServletResponse response) {
        noReferrerNoStore(response);
        var link = people.describe(token);
        if (link.isEmpty()) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
        }
        model.addAttribute("link", link.orElse(null));
        model.addAttribute("token", token);
        model.addAttribute("rules", PasswordPolicy.RULES);
        return "people/set-password";
    }

    @PostMapping("/password/set")
    String set(@RequestParam(required = false) String token, @RequestParam(required = false) String password,
               @RequestParam(required = false) String confirmPassword, Model model, HttpServletResponse response) {
        noReferrerNoStore(response);
        try {
            if (password == null || !password.equals(confirmPassword)) {
                throw ValidationException.of("Invalid password", "confirmPassword", "must repeat the password");
            }
            people.setPassword(token, password);
            return "redirect:/login?passwordSet";
        } catch (ValidationException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("link", people.describe(token).orElse(null));
            model.addAttribute("token", token);
            model.addAttribute("rules", PasswordPolicy.RULES);
            model.addAttribute("errors", e.errors());
            return "people/set-password";
        }
    }

    @GetMapping("/password/forgot")
    String forgotForm(Model model) {
        return "people/forgot-password";
    }

    /** The same page whether or not the email belongs to anyone; 429 only for a client address past its budget. */
    @PostMapping("/password/forgot")
    String forgot(@RequestParam(required = false) String email, Model model, HttpServletRequest request,
                  HttpServletResponse response) {
        if (email == null || email.isBlank()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("errors", List.of(new FieldError("email", "give the email you sign in with")));
            return "people/forgot-password";
        }
        try {
            people.requestReset(email, request.getRemoteAddr());
            model.addAttribute("sent", true);
        } catch (RateLimitedException e) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            response.setHeader("Retry-After", Long.toString(e.retryAfterSeconds()));
            model.addAttribute("throttled", true);
        }
        return "people/forgot-password";
    }

    /** The link's secret must not leak through the Referer header or a shared cache. */
    private static void noReferrerNoStore(HttpServletResponse response) {
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cache-Control", "no-store");
    }
}
