/**
 * Workflow instances on matters and the step runtime: instantiation from a published template version,
 * readiness, instance status and editing ({@link io.matterflow.instance.Instances}), and every step transition
 * through one path ({@link io.matterflow.instance.StepRuntime}).
 */
package io.matterflow.instance;
