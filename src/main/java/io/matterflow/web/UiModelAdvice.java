package io.matterflow.web;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import io.matterflow.access.CurrentActor;
import io.matterflow.action.ActionRegistry;
import io.matterflow.action.ActionType;
import io.matterflow.common.web.UiController;
import io.matterflow.directory.Actor;
import io.matterflow.notification.Notifications;

/**
 * What every UI page's layout needs: the signed-in actor and their unread notification count; and the registered
 * action types, for the forms that choose one.
 */
@ControllerAdvice(annotations = UiController.class)
class UiModelAdvice {

    private final Notifications notifications;
    private final ActionRegistry registry;

    UiModelAdvice(Notifications notifications, ActionRegistry registry) {
        this.notifications = notifications;
        this.registry = registry;
    }

    @ModelAttribute("actionTypes")
    java.util.Set<ActionType> actionTypes() {
        return registry.types();
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
