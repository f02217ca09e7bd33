/**
 * Workflow templates: an editable draft of steps, published as immutable numbered versions that instances
 * are made from. Entry point: {@link io.matterflow.template.Templates}.
 */
package io.matterflow.template;
