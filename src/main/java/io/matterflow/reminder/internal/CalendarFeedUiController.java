package io.matterflow.reminder.internal;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.matterflow.common.web.Flash;
import io.matterflow.common.web.UiController;
import io.matterflow.directory.Actor;
import io.matterflow.reminder.CalendarFeeds;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The Account page's calendar feed section: make (or make anew) and revoke the feed. A new address is shown once,
 * in the answer to the request that made it; with htmx the section comes back, without it the page reloads.
 */
@UiController
class CalendarFeedUiController {

    static final String FRAGMENT = "reminder/calendar-feed :: calendar-feed";

    private final CalendarFeeds feeds;

    CalendarFeedUiController(CalendarFeeds feeds) {
        this.feeds = feeds;
    }

    @PostMapping("/account/calendar-feed")
    String create(Actor actor, Model model, HttpServletRequest request, HttpServletResponse response,
                  RedirectAttributes redirect) {
        var created = feeds.create(actor);
        String message = "Your calendar feed's address is below; copy it now: it is shown only once";
        if (Flash.isHtmx(request)) {
            Flash.success(response, message);
            model.addAttribute("calendarFeed", feeds.status(actor));
            model.addAttribute("calendarFeedUrl", created.url());
            return FRAGMENT;
        }
        redirect.addFlashAttribute("flash", message);
        redirect.addFlashAttribute("calendarFeedUrl", created.url());
        return "redirect:/account";
    }

    @PostMapping("/account/calendar-feed/revoke")
    String revoke(Actor actor, Model model, HttpServletRequest request, HttpServletResponse response,
                  RedirectAttributes redirect) {
        feeds.revoke(actor);
        String message = "Your calendar feed is revoked: its address no longer works";
        if (Flash.isHtmx(request)) {
            Flash.success(response, message);
            model.addAttribute("calendarFeed", feeds.status(actor));
            return FRAGMENT;
        }
        redirect.addFlashAttribute("flash", message);
        return "redirect:/account";
    }
}
