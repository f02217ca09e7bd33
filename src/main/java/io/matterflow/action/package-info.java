/**
 * Typed actions: the {@link io.matterflow.action.ActionHandler} contract, which also answers what the engine asks
 * about a type (who may complete it, from which state, which provider reports on it, which documents it holds); the
 * registry of handlers, which decides which {@link io.matterflow.action.ActionType} names are accepted; the five
 * built-in handlers with their validated configs and payloads, the provider adapters they call (e-signature,
 * payments) and the documents clients upload. Also the pure step state machine every transition goes through.
 * A new type is a handler bean with its config and payload records, a builder form and a run-view fragment
 * ({@code docs/guides/adding-an-action-type.md}).
 */
package io.matterflow.action;
