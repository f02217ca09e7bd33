package io.matterflow.webhook.internal;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

public interface WebhookEventRepository extends JpaRepository<WebhookEventEntity, UUID> {

    Optional<WebhookEventEntity> findByProviderKindAndProviderAndEventId(String providerKind, String provider,
                                                                         String eventId);
}
