package io.matterflow.reminder.internal;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.matterflow.directory.Actor;
import io.matterflow.reminder.CalendarFeeds;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Calendar feed", description = "The caller's private iCalendar feed of their steps' due dates")
class CalendarFeedController {

    static final String ROUTE = "/api/me/calendar-feed";

    private final CalendarFeeds feeds;

    CalendarFeedController(CalendarFeeds feeds) {
        this.feeds = feeds;
    }

    @GetMapping(ROUTE)
    @Operation(operationId = "getCalendarFeed", summary = "Whether the caller has a calendar feed")
    CalendarFeeds.FeedStatus status(Actor actor) {
        return feeds.status(actor);
    }

    @PostMapping(ROUTE)
    @Operation(operationId = "createCalendarFeed", summary = "Make the caller's calendar feed address, or a new one")
    @ApiResponse(responseCode = "201", useReturnTypeSchema = true)
    ResponseEntity<CalendarFeeds.CreatedFeed> create(Actor actor) {
        return ResponseEntity.created(URI.create(ROUTE)).body(feeds.create(actor));
    }

    @DeleteMapping(ROUTE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(operationId = "revokeCalendarFeed", summary = "End the caller's calendar feed")
    @ApiResponse(responseCode = "204")
    void revoke(Actor actor) {
        feeds.revoke(actor);
    }
}
