package io.matterflow.web;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import io.matterflow.access.CurrentActor;
import io.matterflow.common.web.UiController;
import io.matterflow.directory.Actor;
import io.matterflow.notification.Notifications;

/** What every UI page's layout needs: the signed-in actor and their unread notification count. */
@ControllerAdvice(annotations = UiController.class)
class UiModelAdvice {

    private final Notifications notifications;

    UiModelAdvice(Notifications notifications) {
        this.notifications = notifications;
    }

    @ModelAttribute("me")
    Actor me() {
        return CurrentActor.get().orElse(null);
    }

    @ModelAttribute("unreadCount")
    long unreadCount() {
        return CurrentActor.get().map(notifications::unread).orElse(0L);
    }
}
