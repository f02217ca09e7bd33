/**
 * Who may do what: {@link io.matterflow.access.StepAccess} resolves a step's eligible actors (cached per
 * instance) and applies the permission table of every step event; {@link io.matterflow.access.MatterAccess}
 * answers the matter-level questions (read, instantiate, edit).
 */
package io.matterflow.access;
