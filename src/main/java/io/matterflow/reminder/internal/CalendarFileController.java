package io.matterflow.reminder.internal;

import java.nio.charset.StandardCharsets;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import io.matterflow.reminder.CalendarFeeds;

/**
 * A calendar feed as a calendar fetches it: without a session, the token in the address being the credential
 * (permitted in the security configuration). An unknown or revoked token is a plain 404. Calendars poll; five minutes
 * of private caching keeps a busy one from querying the inbox on every refresh.
 */
@Controller
class CalendarFileController {

    static final MediaType TEXT_CALENDAR = new MediaType("text", "calendar", StandardCharsets.UTF_8);
    static final String CACHING = "private, max-age=300";

    private final CalendarFeeds feeds;

    CalendarFileController(CalendarFeeds feeds) {
        this.feeds = feeds;
    }

    @GetMapping(CalendarFeeds.PATH + "{token}" + CalendarFeeds.EXTENSION)
    ResponseEntity<String> feed(@PathVariable String token) {
        return feeds.render(token)
                .map(text -> ResponseEntity.ok().contentType(TEXT_CALENDAR).header(HttpHeaders.CACHE_CONTROL, CACHING)
                        .body(text))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).build());
    }
}
