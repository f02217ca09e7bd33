package io.matterflow.calendar.internal;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.springframework.http.MediaType;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.matterflow.calendar.BusinessCalendars;
import io.matterflow.calendar.CalendarSettings;
import io.matterflow.calendar.FirmCalendar;
import io.matterflow.calendar.Holiday;
import io.matterflow.calendar.HolidayImport;
import io.matterflow.common.ForbiddenException;
import io.matterflow.common.ValidationException;
import io.matterflow.common.web.Flash;
import io.matterflow.common.web.UiController;
import io.matterflow.directory.Actor;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The Calendar settings page (admins): the firm's time zone, working days, close of business and reminder settings,
 * its holidays for the coming years with a form to add one and a button to remove each, and the .ics import with what
 * it added, renamed and skipped. Each action posts a form; with htmx the page's content comes back with a message in
 * the live region, without it the page reloads.
 */
@UiController
class CalendarUiController {

    /** The holidays listed: from the start of this year to the end of the fifth year ahead. */
    private static final int YEARS_SHOWN = 5;
    private static final List<String> ZONES = ZoneId.getAvailableZoneIds().stream().sorted().toList();

    private final BusinessCalendars calendars;
    private final Clock clock;

    CalendarUiController(BusinessCalendars calendars, Clock clock) {
        this.calendars = calendars;
        this.clock = clock;
    }

    @GetMapping("/settings/calendar")
    String page(Actor actor, Model model) {
        return render(actor, model, "calendar/settings");
    }

    @PostMapping("/settings/calendar")
    String update(Actor actor, @RequestParam(required = false) String timeZone,
                  @RequestParam(required = false) Set<DayOfWeek> workingDays,
                  @RequestParam(required = false) String closeOfBusiness,
                  @RequestParam(required = false) String reminderStages,
                  @RequestParam(required = false) String escalationBusinessDays, Model model,
                  HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
        List<String> stages = reminderStages == null ? null : Arrays.stream(reminderStages.split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
        calendars.update(actor, new CalendarSettings(timeZone, workingDays, closeOfBusiness, stages,
                integer(escalationBusinessDays)));
        return done(actor, model, request, response, redirect, "Calendar settings saved");
    }

    @PostMapping("/settings/calendar/holidays")
    String addHoliday(Actor actor, @RequestParam(required = false) String date,
                      @RequestParam(required = false) String name, Model model, HttpServletRequest request,
                      HttpServletResponse response, RedirectAttributes redirect) {
        Holiday holiday = calendars.putHoliday(actor, date(date), name);
        return done(actor, model, request, response, redirect, holiday.name() + " on "
                + holiday.date() + " is a holiday");
    }

    @PostMapping("/settings/calendar/holidays/{date}/remove")
    String removeHoliday(Actor actor, @PathVariable String date, Model model, HttpServletRequest request,
                         HttpServletResponse response, RedirectAttributes redirect) {
        LocalDate day = date(date);
        calendars.removeHoliday(actor, day);
        return done(actor, model, request, response, redirect, day + " is no longer a holiday");
    }

    @PostMapping(path = "/settings/calendar/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    String importHolidays(Actor actor, MultipartHttpServletRequest request, Model model,
                          HttpServletResponse response, RedirectAttributes redirect) throws IOException {
        requireAdmin(actor);
        HolidayImport imported;
        try (InputStream file = CalendarFiles.open(request)) {
            imported = calendars.importHolidays(actor, file);
        }
        String message = "Imported: " + imported.added().size() + " added, " + imported.renamed().size()
                + " renamed, " + imported.skipped().size() + " skipped";
        if (Flash.isHtmx(request)) {
            model.addAttribute("imported", imported);
        } else {
            redirect.addFlashAttribute("imported", imported);
        }
        return done(actor, model, request, response, redirect, message);
    }

    private String done(Actor actor, Model model, HttpServletRequest request, HttpServletResponse response,
                        RedirectAttributes redirect, String message) {
        if (Flash.isHtmx(request)) {
            Flash.success(response, message);
            return render(actor, model, "calendar/settings :: content");
        }
        redirect.addFlashAttribute("flash", message);
        return "redirect:/settings/calendar";
    }

    private String render(Actor actor, Model model, String view) {
        requireAdmin(actor);
        FirmCalendar calendar = calendars.of(actor.orgId());
        LocalDate today = LocalDate.ofInstant(clock.instant(), calendar.zone());
        model.addAttribute("section", "calendar");
        model.addAttribute("calendar", calendar);
        model.addAttribute("settings", CalendarSettings.of(calendar));
        model.addAttribute("stages", String.join(", ", calendar.reminderStages().stream()
                .map(CalendarUiController::shortForm).toList()));
        model.addAttribute("days", DayOfWeek.values());
        model.addAttribute("zones", ZONES);
        model.addAttribute("holidays", calendars.holidays(actor.orgId(), today.withDayOfYear(1),
                today.plusYears(YEARS_SHOWN).withMonth(12).withDayOfMonth(31)));
        model.addAttribute("lastYear", today.plusYears(YEARS_SHOWN).getYear());
        return view;
    }

    /** A stage as people write it: "7d", "4h", "30m", "0". */
    static String shortForm(Duration stage) {
        if (stage.isZero()) {
            return "0";
        }
        long seconds = stage.toSeconds();
        if (stage.getNano() != 0 || seconds % 60 != 0) {
            return CalendarSettings.iso(stage);
        }
        return seconds % 86_400 == 0 ? seconds / 86_400 + "d" : seconds % 3600 == 0 ? seconds / 3600 + "h"
                : seconds / 60 + "m";
    }

    private static LocalDate date(String date) {
        try {
            return LocalDate.parse(date == null ? "" : date.strip());
        } catch (DateTimeParseException e) {
            throw ValidationException.of("Invalid holiday", "date", "must be a date such as 2026-12-25");
        }
    }

    /** The number as typed; anything else is no number, which the settings' check names. */
    private static Integer integer(String value) {
        try {
            return value == null ? null : Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void requireAdmin(Actor actor) {
        if (!actor.isAdmin()) {
            throw new ForbiddenException("only admins open the firm's calendar settings");
        }
    }
}
