/**
 * Conditions on steps ({@link io.matterflow.condition.Condition}): a small typed structure, not a script, over earlier
 * steps' outcomes (each action type names its own, {@link io.matterflow.action.ActionHandler#outcomes}) and the
 * matter's fields. {@link io.matterflow.condition.Conditions} checks a template's conditions, evaluates an instance's
 * and says them in words. Knows nothing of templates or instances: they hand it the steps a condition names.
 */
package io.matterflow.condition;
