/**
 * Who may do what: {@link io.matterflow.access.StepAccess} resolves a step's eligible actors (cached per
 * instance) and applies the permission table of every step event; {@link io.matterflow.access.MatterAccess}
 * answers the matter-level questions (read, instantiate, edit). Who is signed in: {@code SecurityConfiguration}
 * (form login for the UI; HTTP Basic or a personal API token, see {@code ApiTokens}, for the API).
 */
package io.matterflow.access;
