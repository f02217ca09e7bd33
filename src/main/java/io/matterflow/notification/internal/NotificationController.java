package io.matterflow.notification.internal;

import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.matterflow.common.web.PageResponse;
import io.matterflow.common.web.Paging;
import io.matterflow.directory.Actor;
import io.matterflow.notification.Notification;
import io.matterflow.notification.Notifications;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Notifications", description = "The signed-in user's in-app notifications")
class NotificationController {

    private final Notifications notifications;

    NotificationController(Notifications notifications) {
        this.notifications = notifications;
    }

    @GetMapping("/api/notifications")
    @Operation(operationId = "listNotifications", summary = "The caller's notifications, newest first")
    PageResponse<Notification> list(Actor actor, @RequestParam(required = false) Boolean unread,
                                    @RequestParam(required = false) Integer page,
                                    @RequestParam(required = false) Integer size) {
        return PageResponse.of(notifications.of(actor, Boolean.TRUE.equals(unread), Paging.of(page, size)));
    }

    @PostMapping("/api/notifications/{id}/read")
    @Operation(operationId = "readNotification", summary = "Mark a notification read")
    Notification read(Actor actor, @PathVariable UUID id) {
        return notifications.markRead(actor, id);
    }
}
