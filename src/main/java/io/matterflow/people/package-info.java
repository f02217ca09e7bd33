/**
 * People administration: admins invite staff and clients and change their role or deactivate them; invitees and
 * people who forgot their password choose one from a one-time link; everyone changes their own password; the first
 * admin of a production install is created from {@code matterflow.bootstrap.*}. Built on the directory (users), the
 * access module (sign-in throttle, sessions) and the notification outbox (the emails with the links).
 */
package io.matterflow.people;
