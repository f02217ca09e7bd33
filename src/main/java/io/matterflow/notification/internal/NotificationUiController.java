package io.matterflow.notification.internal;

import java.util.UUID;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

import io.matterflow.common.web.Paging;
import io.matterflow.common.web.UiController;
import io.matterflow.directory.Actor;
import io.matterflow.notification.Notifications;

@UiController
class NotificationUiController {

    private final Notifications notifications;

    NotificationUiController(Notifications notifications) {
        this.notifications = notifications;
    }

    @GetMapping("/notifications")
    String list(Actor actor, Model model) {
        model.addAttribute("section", "notifications");
        model.addAttribute("notifications", notifications.of(actor, false, Paging.of(0, 100)).getContent());
        return "notification/list";
    }

    /** Marks the notification read and follows its link. */
    @PostMapping("/notifications/{id}/open")
    String open(Actor actor, @PathVariable UUID id) {
        var notification = notifications.markRead(actor, id);
        return "redirect:" + (notification.link() == null ? "/notifications" : notification.link());
    }
}
