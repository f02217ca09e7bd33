package io.matterflow.instance.internal;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.support.RequestContextUtils;

import io.matterflow.access.MatterAccess;
import io.matterflow.access.Matters;
import io.matterflow.access.UnfinishedWorkflowsException;
import io.matterflow.common.web.Flash;
import io.matterflow.common.FieldError;
import io.matterflow.common.ForbiddenException;
import io.matterflow.common.web.UiController;
import io.matterflow.common.ValidationException;
import io.matterflow.directory.Actor;
import io.matterflow.directory.Directory;
import io.matterflow.directory.MatterDetails;
import io.matterflow.directory.MatterEdit;
import io.matterflow.directory.MatterStatus;
import io.matterflow.directory.Role;
import io.matterflow.directory.UserAccount;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Matter administration in the UI: opening a matter from the Matters page, and the matter's Team and Details tabs
 * (admins and the matter's owner change them), the Details tab with the matter's key dates. Every change goes through
 * {@link Matters}, as the API's do.
 */
@UiController
class MatterUiController {

    private static final Set<Role> OWNER_ROLES = EnumSet.of(Role.LAWYER, Role.ADMIN);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    private final Matters matters;
    private final MatterAccess access;
    private final Directory directory;

    MatterUiController(Matters matters, MatterAccess access, Directory directory) {
        this.matters = matters;
        this.access = access;
        this.directory = directory;
    }

    /** With htmx the browser is sent to the new matter ({@code HX-Redirect}); a plain form post is redirected. */
    @PostMapping("/matters")
    String create(Actor actor, @RequestParam(required = false) String reference,
                  @RequestParam(required = false) String title, @RequestParam(required = false) String ownerId,
                  @RequestParam(required = false) String clientId,
                  @RequestParam(required = false) String practiceArea, HttpServletRequest request,
                  HttpServletResponse response) {
        MatterDetails matter = matters.create(actor, reference, title, userId(ownerId, "ownerId"),
                userId(clientId, "clientId"), practiceArea);
        return away("/matters/" + matter.id(), "Opened matter " + matter.reference(), request, response);
    }

    @GetMapping("/matters/{id}/team")
    String team(Actor actor, @PathVariable UUID id, Model model) {
        return team(actor, matters.get(actor, id), model, "instance/matter-team");
    }

    @PostMapping("/matters/{id}/team")
    String addMember(Actor actor, @PathVariable UUID id, @RequestParam(required = false) String userId, Model model,
                     HttpServletResponse response) {
        UUID user = userId(userId, "userId");
        if (user == null) {
            throw ValidationException.of("Invalid member", "userId", "must name a person");
        }
        MatterDetails matter = matters.addMember(actor, id, user);
        Flash.success(response, "Added " + name(actor, user) + " to the team");
        return team(actor, matter, model, "instance/matter-team :: team");
    }

    @PostMapping("/matters/{id}/team/{userId}/remove")
    String removeMember(Actor actor, @PathVariable UUID id, @PathVariable UUID userId, Model model,
                        HttpServletResponse response) {
        MatterDetails matter = matters.removeMember(actor, id, userId);
        Flash.success(response, "Removed " + name(actor, userId) + " from the team");
        return team(actor, matter, model, "instance/matter-team :: team");
    }

    @GetMapping("/matters/{id}/details")
    String details(Actor actor, @PathVariable UUID id, Model model) {
        return details(actor, managed(actor, id), model, "instance/matter-details");
    }

    /**
     * The details form posts every field: a blank client means none. Whoever hands the matter to another owner and is
     * not on it otherwise is sent to the Matters page (or, still on the team, to the matter), the tab being no longer
     * theirs.
     */
    @PostMapping("/matters/{id}/details")
    String saveDetails(Actor actor, @PathVariable UUID id, @RequestParam(required = false) String reference,
                       @RequestParam(required = false) String title, @RequestParam(required = false) String ownerId,
                       @RequestParam(required = false) String clientId,
                       @RequestParam(required = false) String practiceArea, Model model, HttpServletRequest request,
                       HttpServletResponse response) {
        UUID client = userId(clientId, "clientId");
        MatterDetails matter = matters.update(actor, id, new MatterEdit(reference, title, userId(ownerId, "ownerId"),
                client, clientId != null && client == null, practiceArea), null, false);
        String message = "Saved the details of " + matter.reference();
        if (!access.canManage(matter, actor)) {
            return away(access.canRead(matter, actor) ? "/matters/" + id : "/matters",
                    message + "; it is " + name(actor, matter.ownerId()) + "'s now", request, response);
        }
        Flash.success(response, message);
        return details(actor, matter, model, "instance/matter-details :: details");
    }

    /**
     * Closes or reopens the matter. A close refused for unfinished workflows answers 409 with the Details tab listing
     * them and offering to cancel them and close.
     */
    @PostMapping("/matters/{id}/status")
    String status(Actor actor, @PathVariable UUID id, @RequestParam MatterStatus status,
                  @RequestParam(defaultValue = "false") boolean cancelActiveWorkflows, Model model,
                  HttpServletResponse response) {
        MatterDetails matter;
        try {
            matter = matters.update(actor, id, new MatterEdit(null, null, null, null, false), status,
                    cancelActiveWorkflows);
        } catch (UnfinishedWorkflowsException e) {
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            response.setHeader("HX-Retarget", "#details");
            response.setHeader("HX-Reswap", "outerHTML");
            model.addAttribute("unfinished", e.workflows());
            return details(actor, matters.get(actor, id), model, "instance/matter-details :: details");
        }
        Flash.success(response, matter.isClosed() ? "Closed " + matter.reference()
                + (cancelActiveWorkflows ? " and canceled its unfinished workflows" : "")
                : "Reopened " + matter.reference());
        return details(actor, matter, model, "instance/matter-details :: details");
    }

    /**
     * Adds a key date, or moves the one of that name (compared without case; the name as typed is kept). Refused
     * input stays in the form with its errors beside the fields.
     */
    @PostMapping("/matters/{id}/key-dates")
    String saveKeyDate(Actor actor, @PathVariable UUID id, @RequestParam(required = false) String name,
                       @RequestParam(required = false) String date, Model model, HttpServletResponse response) {
        MatterDetails matter = managed(actor, id);
        String wanted = name == null ? "" : name.strip();
        LocalDate day = day(date);
        List<Matters.KeyDate> dates = new ArrayList<>();
        int index = -1;
        for (var current : matters.keyDates(actor, id).entrySet()) {
            if (current.getKey().equalsIgnoreCase(wanted)) {
                index = dates.size();
                dates.add(new Matters.KeyDate(wanted, day));
            } else {
                dates.add(new Matters.KeyDate(current.getKey(), current.getValue()));
            }
        }
        boolean added = index < 0;
        if (added) {
            index = dates.size();
            dates.add(new Matters.KeyDate(wanted, day));
        }
        try {
            matters.setKeyDates(actor, id, dates);
        } catch (ValidationException e) {
            Flash.trigger(response, "error", "Key date not saved: fix the highlighted fields");
            model.addAttribute("keyDate", Map.of("name", wanted, "date", date == null ? "" : date));
            model.addAttribute("keyDateErrors", keyDateErrors(e.errors(), "keyDates[" + index + "]."));
            return details(actor, matter, model, "instance/matter-details :: details");
        }
        Flash.success(response, added ? "Added key date " + wanted + ": " + DAY.format(day)
                : "Key date " + wanted + " is now " + DAY.format(day));
        return details(actor, matter, model, "instance/matter-details :: details");
    }

    @PostMapping("/matters/{id}/key-dates/remove")
    String removeKeyDate(Actor actor, @PathVariable UUID id, @RequestParam String name, Model model,
                         HttpServletResponse response) {
        MatterDetails matter = managed(actor, id);
        String gone = name.strip();
        List<Matters.KeyDate> dates = new ArrayList<>();
        matters.keyDates(actor, id).forEach((key, day) -> {
            if (!key.equalsIgnoreCase(gone)) {
                dates.add(new Matters.KeyDate(key, day));
            }
        });
        matters.setKeyDates(actor, id, dates);
        Flash.success(response, "Removed key date " + gone);
        return details(actor, matter, model, "instance/matter-details :: details");
    }

    /** To another page with a message: {@code HX-Redirect} for htmx, a redirect otherwise; the flash map carries it. */
    private static String away(String location, String message, HttpServletRequest request,
                               HttpServletResponse response) {
        FlashMap flash = RequestContextUtils.getOutputFlashMap(request);
        flash.put("flash", message);
        RequestContextUtils.saveOutputFlashMap(location, request, response);
        if (Flash.isHtmx(request)) {
            response.setHeader("HX-Redirect", request.getContextPath() + location);
            return null;
        }
        return "redirect:" + location;
    }

    private String team(Actor actor, MatterDetails matter, Model model, String view) {
        Map<UUID, UserAccount> people = people(actor);
        boolean canManage = access.canManage(matter, actor);
        model.addAttribute("section", "matters");
        model.addAttribute("tab", "team");
        model.addAttribute("matter", matter);
        model.addAttribute("names", names(people));
        model.addAttribute("roles", roles(people));
        model.addAttribute("canManage", canManage);
        if (canManage) {
            // admins see and act on every matter of the firm already: a place on the team would add nothing
            model.addAttribute("candidates", people.values().stream()
                    .filter(u -> u.role() != Role.ADMIN && !matter.involves(u.id())).toList());
        }
        return view;
    }

    private String details(Actor actor, MatterDetails matter, Model model, String view) {
        Map<UUID, UserAccount> people = people(actor);
        model.addAttribute("section", "matters");
        model.addAttribute("tab", "details");
        model.addAttribute("matter", matter);
        model.addAttribute("names", names(people));
        model.addAttribute("canManage", true);
        model.addAttribute("owners", people.values().stream().filter(u -> OWNER_ROLES.contains(u.role())).toList());
        model.addAttribute("clients", people.values().stream().filter(u -> u.role() == Role.CLIENT).toList());
        model.addAttribute("keyDates", matters.keyDates(actor, matter.id()));
        model.asMap().putIfAbsent("keyDate", Map.of());
        model.asMap().putIfAbsent("keyDateErrors", Map.of());
        return view;
    }

    /** The errors of the key date the form posted by its field ({@code name}, {@code date}); any other as keyDates. */
    private static Map<String, String> keyDateErrors(List<FieldError> errors, String prefix) {
        Map<String, String> map = new LinkedHashMap<>();
        errors.forEach(e -> map.merge(e.field().startsWith(prefix) ? e.field().substring(prefix.length()) : "keyDates",
                e.message(), (a, b) -> a + "; " + b));
        return map;
    }

    /** The form's date (the browser's YYYY-MM-DD); null when blank or not a date, which {@link Matters} refuses. */
    private static LocalDate day(String value) {
        try {
            return value == null || value.isBlank() ? null : LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The matter, for its admins and owner only: the Details tab is theirs (404 if not visible, else 403). */
    private MatterDetails managed(Actor actor, UUID id) {
        MatterDetails matter = matters.get(actor, id);
        if (!access.canManage(matter, actor)) {
            throw new ForbiddenException("only admins and the matter's owner may change the matter");
        }
        return matter;
    }

    /** The firm's people by id, by name: for names, as the other matter pages show them, and the choices. */
    private Map<UUID, UserAccount> people(Actor actor) {
        Map<UUID, UserAccount> people = new LinkedHashMap<>();
        directory.users(actor.orgId()).forEach(u -> people.put(u.id(), u));
        return people;
    }

    private static Map<UUID, String> names(Map<UUID, UserAccount> people) {
        Map<UUID, String> names = new LinkedHashMap<>();
        people.forEach((id, user) -> names.put(id, user.displayName()));
        return names;
    }

    private static Map<UUID, Role> roles(Map<UUID, UserAccount> people) {
        Map<UUID, Role> roles = new LinkedHashMap<>();
        people.forEach((id, user) -> roles.put(id, user.role()));
        return roles;
    }

    private String name(Actor actor, UUID userId) {
        UserAccount user = people(actor).get(userId);
        return user == null ? "the person" : user.displayName();
    }

    /** A person's id from a form field: blank is none; anything else must be an id (400 naming the field). */
    private static UUID userId(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw ValidationException.of("Invalid request", field, "must be a person's id or empty");
        }
    }
}
