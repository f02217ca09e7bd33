package io.matterflow.people.internal;

import java.util.List;
import java.util.UUID;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.matterflow.common.web.Flash;
import io.matterflow.common.web.UiController;
import io.matterflow.common.ValidationException;
import io.matterflow.directory.Actor;
import io.matterflow.directory.Role;
import io.matterflow.people.PasswordPolicy;
import io.matterflow.people.People;
import io.matterflow.people.PersonDetails;
import io.matterflow.reminder.CalendarFeeds;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * The People page (admins: the firm's people with role and status, the invitation form, role changes, deactivation
 * and reactivation, invitations sent again) and the Account page (anyone: their own password and calendar feed).
 * Each action posts a form; with htmx the changed part comes back with a message in the live region, without it the
 * page reloads.
 */
@UiController
class PeopleUiController {

    private final People people;
    private final CalendarFeeds calendarFeeds;

    PeopleUiController(People people, CalendarFeeds calendarFeeds) {
        this.people = people;
        this.calendarFeeds = calendarFeeds;
    }

    @GetMapping("/people")
    String list(Actor actor, Model model) {
        return render(actor, model, "people/people");
    }

    @PostMapping("/people")
    String invite(Actor actor, @RequestParam(required = false) String email,
                  @RequestParam(required = false) String displayName, @RequestParam(required = false) Role role,
                  Model model, HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
        PersonDetails invited = people.invite(actor, email == null ? null : email.strip(), displayName, role);
        return done(actor, model, request, response, redirect, "Invited " + invited.displayName() + " ("
                + invited.email() + "): the link to choose a password is on its way");
    }

    @PostMapping("/people/{id}")
    String update(Actor actor, @PathVariable UUID id, @RequestParam(required = false) Role role,
                  @RequestParam(required = false) Boolean active, Model model, HttpServletRequest request,
                  HttpServletResponse response, RedirectAttributes redirect) {
        PersonDetails person = people.update(actor, id, role, active);
        String message = active != null ? (active ? "Reactivated " : "Deactivated ") + person.displayName()
                : person.displayName() + " is now " + person.role();
        return done(actor, model, request, response, redirect, message);
    }

    @PostMapping("/people/{id}/invitation")
    String resend(Actor actor, @PathVariable UUID id, Model model, HttpServletRequest request,
                  HttpServletResponse response, RedirectAttributes redirect) {
        PersonDetails person = people.resendInvitation(actor, id);
        return done(actor, model, request, response, redirect, "Sent " + person.displayName()
                + " a new invitation");
    }

    @GetMapping("/account")
    String account(Actor actor, Model model) {
        model.addAttribute("section", "account");
        model.addAttribute("rules", PasswordPolicy.RULES);
        model.addAttribute("calendarFeed", calendarFeeds.status(actor));
        return "people/account";
    }

    @PostMapping("/account/password")
    String changePassword(Actor actor, @RequestParam(required = false) String currentPassword,
                          @RequestParam(required = false) String newPassword,
                          @RequestParam(required = false) String confirmPassword, Model model,
                          HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
        if (newPassword == null || !newPassword.equals(confirmPassword)) {
            throw ValidationException.of("Invalid password", "confirmPassword", "must repeat the new password");
        }
        HttpSession session = request.getSession(false);
        people.changeOwnPassword(actor, currentPassword, newPassword, session == null ? null : session.getId());
        String message = "Your password is changed; your other sessions are signed out";
        if (Flash.isHtmx(request)) {
            Flash.success(response, message);
            model.addAttribute("rules", PasswordPolicy.RULES);
            return "people/account :: password-form";
        }
        redirect.addFlashAttribute("flash", message);
        return "redirect:/account";
    }

    /** Ends every session of the caller, this one too: back to the login page, signed out. */
    @PostMapping("/account/sessions/end")
    String signOutEverywhere(Actor actor, HttpServletRequest request) {
        people.signOutEverywhere(actor);
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        return "redirect:/login?ended";
    }

    private String done(Actor actor, Model model, HttpServletRequest request, HttpServletResponse response,
                        RedirectAttributes redirect, String message) {
        if (Flash.isHtmx(request)) {
            Flash.success(response, message);
            return render(actor, model, "people/people :: people");
        }
        redirect.addFlashAttribute("flash", message);
        return "redirect:/people";
    }

    private String render(Actor actor, Model model, String view) {
        model.addAttribute("section", "people");
        model.addAttribute("people", people.list(actor));
        model.addAttribute("roles", Role.values());
        model.addAttribute("staffRoles", List.of(Role.ADMIN, Role.LAWYER, Role.PARALEGAL));
        return view;
    }
}
