/**
 * Telling people that work is waiting. When a step becomes READY: an in-app notification for its assignee or,
 * when unassigned, each eligible performer; and, when the organization's feature flag
 * {@code workflow.ready-notifications.email} is on, an email to the same people, queued in the transition's
 * transaction ({@link io.matterflow.notification.ReadyEmails}) and sent after commit by every node's
 * {@link io.matterflow.notification.EmailSender}: throttled per recipient, retried with backoff, sent once however
 * many nodes run. Also the notices for the matter's owner: a quarantined document, a provider event recorded after its
 * step had moved on. Also the per-organization {@link io.matterflow.notification.FeatureFlags}. Consumes the instance
 * module's events only.
 */
package io.matterflow.notification;
