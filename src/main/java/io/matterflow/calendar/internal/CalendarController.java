package io.matterflow.calendar.internal;

import java.io.IOException;
import java.io.InputStream;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartHttpServletRequest;

import io.matterflow.calendar.BusinessCalendars;
import io.matterflow.calendar.CalendarSettings;
import io.matterflow.calendar.FirmCalendar;
import io.matterflow.calendar.Holiday;
import io.matterflow.calendar.HolidayImport;
import io.matterflow.directory.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Calendar", description = "The firm's time zone, working days, close of business, reminder settings and"
        + " holidays, which due dates are computed with (everyone in the firm reads them; admins change them)")
class CalendarController {

    private final BusinessCalendars calendars;

    CalendarController(BusinessCalendars calendars) {
        this.calendars = calendars;
    }

    @Schema(name = "FirmCalendar", description = "The firm's calendar settings and their version")
    record CalendarResponse(@Schema(example = "Europe/London") String timeZone,
                            @Schema(example = "[\"MONDAY\", \"TUESDAY\", \"WEDNESDAY\", \"THURSDAY\", \"FRIDAY\"]")
                            Set<DayOfWeek> workingDays,
                            @Schema(example = "17:00") String closeOfBusiness,
                            @Schema(example = "[\"P7D\", \"P1D\", \"PT0S\"]") List<String> reminderStages,
                            @Schema(example = "2") int escalationBusinessDays,
                            @Schema(description = "Grows with every change of the settings or the holidays",
                                    example = "3") long version) {

        static CalendarResponse of(FirmCalendar calendar) {
            CalendarSettings settings = CalendarSettings.of(calendar);
            return new CalendarResponse(settings.timeZone(), settings.workingDays(), settings.closeOfBusiness(),
                    settings.reminderStages(), settings.escalationBusinessDays(), calendar.version());
        }
    }

    record HolidayRequest(@Schema(description = "1 to 200 characters", example = "Christmas Day") String name) {
    }

    /** The multipart form of an import, for the API description only. */
    @Schema(name = "CalendarFileUpload", requiredProperties = "file")
    record UploadForm(@Schema(type = "string", format = "binary", description = "The .ics file") String file) {
    }

    @GetMapping("/api/calendar")
    @Operation(operationId = "getCalendar", summary = "The firm's calendar settings")
    CalendarResponse get(Actor actor) {
        return CalendarResponse.of(calendars.of(actor.orgId()));
    }

    @PutMapping("/api/calendar")
    @Operation(operationId = "updateCalendar", summary = "Change the firm's calendar settings")
    CalendarResponse update(Actor actor, @RequestBody CalendarSettings settings) {
        return CalendarResponse.of(calendars.update(actor, settings));
    }

    @GetMapping("/api/calendar/holidays")
    @Operation(operationId = "listHolidays", summary = "The firm's holidays")
    List<Holiday> holidays(Actor actor,
                           @Parameter(description = "The first date, included", example = "2026-01-01")
                           @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                           LocalDate from,
                           @Parameter(description = "The last date, included", example = "2026-12-31")
                           @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                           LocalDate to) {
        return calendars.holidays(actor.orgId(), from, to);
    }

    @PutMapping("/api/calendar/holidays/{date}")
    @Operation(operationId = "putHoliday", summary = "Make a date a holiday, or rename it")
    Holiday putHoliday(Actor actor, @Parameter(description = "The date", example = "2026-12-25")
                       @PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
                       @RequestBody HolidayRequest request) {
        return calendars.putHoliday(actor, date, request.name());
    }

    @DeleteMapping("/api/calendar/holidays/{date}")
    @Operation(operationId = "removeHoliday", summary = "Make a holiday a working day again")
    @ApiResponse(responseCode = "204", description = "Removed")
    ResponseEntity<Void> removeHoliday(Actor actor, @Parameter(description = "The date", example = "2026-12-25")
                                       @PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
        calendars.removeHoliday(actor, date);
        return ResponseEntity.noContent().build();
    }

    @PostMapping(path = "/api/calendar/holidays/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(operationId = "importHolidays", summary = "Add the holidays of an iCalendar (.ics) file",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
            content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
            schema = @Schema(implementation = UploadForm.class))))
    HolidayImport importHolidays(Actor actor, MultipartHttpServletRequest request) throws IOException {
        try (InputStream file = CalendarFiles.open(request)) {
            return calendars.importHolidays(actor, file);
        }
    }
}
