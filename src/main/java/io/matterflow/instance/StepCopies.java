package io.matterflow.instance;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.matterflow.instance.internal.InstanceEntity;
import io.matterflow.instance.internal.InstanceStepEntity;
import io.matterflow.template.TemplateStep;

/**
 * The one place a published version's steps become an instance's: instantiation copies them onto new steps, a
 * migration to another version onto the steps it keeps and adds. A template names other steps by their position
 * in the version (a due rule's {@code step}); an instance names them by id, so what names a step is converted here.
 */
final class StepCopies {

    private StepCopies() {
    }

    /** A new PENDING step of the instance, copied from the version's step, at {@code order}. */
    static InstanceStepEntity newStep(InstanceEntity instance, TemplateStep from, int order, Instant now) {
        return new InstanceStepEntity(UUID.randomUUID(), instance, from.id(), order,
                from.title(), from.actionType(), from.roleScope(), from.required(), from.clientVisible(),
                from.actionConfig(), now);
    }

    /**
     * An existing step of the instance takes the version step's definition (title, role, required, client visibility,
     * config) and follows it from now on. A step of another action type (one that has not started: the caller
     * checked) gets the new type with what the old one kept cleared.
     */
    static void redefine(InstanceStepEntity step, TemplateStep from, Instant now) {
        if (!step.actionType().equals(from.actionType())) {
            step.retype(from.actionType(), now);
        }
        step.edit(from.title(), from.roleScope(), from.required(), from.actionConfig(), now);
        if (step.clientVisible() != from.clientVisible()) {
            step.showToClient(from.clientVisible(), now);
        }
        step.copiedFrom(from.id(), now);
    }

    /**
     * What the version's steps say about other steps, on the instance's: {@code copies.get(i)} is the instance step
     * that follows the version's step {@code i}. A due rule's and a condition's step positions become those steps' ids.
     */
    static void copyRules(List<TemplateStep> from, List<InstanceStepEntity> copies, Instant now) {
        for (int i = 0; i < from.size(); i++) {
            var rule = from.get(i).dueRule();
            var copy = copies.get(i);
            var converted = rule == null || rule.step() == null ? rule : rule.withStepId(copies.get(rule.step()).id());
            if (converted == null ? copy.dueRule() != null : !converted.equals(copy.dueRule())) {
                copy.dueRule(converted, now);
            }
            var condition = from.get(i).condition();
            var named = condition == null ? null : condition.withStepIds(position -> copies.get(position).id());
            if (!java.util.Objects.equals(named, copy.condition())) {
                copy.condition(named, now);
            }
        }
    }
}
