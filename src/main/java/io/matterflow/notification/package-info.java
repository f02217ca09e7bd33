/**
 * Telling people that work is waiting: when a step becomes READY, an in-app notification for its assignee or,
 * when unassigned, each eligible performer. Consumes the instance module's events only.
 */
package io.matterflow.notification;
