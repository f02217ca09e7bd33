/**
 * Typed actions: the {@link io.matterflow.action.ActionHandler} contract, the registry of handlers, the five
 * built-in handlers with their validated configs and payloads, the provider adapters they call (e-signature,
 * payments) and the documents clients upload. Also the pure step state machine every transition goes through.
 */
package io.matterflow.action;
