package io.matterflow.support;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.matterflow.action.ActionType;
import io.matterflow.action.RoleScope;
import io.matterflow.instance.InstanceDetails;
import io.matterflow.instance.Instances;
import io.matterflow.template.StepDefinition;
import io.matterflow.template.TemplateDetails;
import io.matterflow.template.Templates;

/** Published templates and instances on a {@link TestFirm}'s matter, made through the services by the matter's owner. */
public record Workflows(Templates templates, Instances instances) {

    public static StepDefinition step(String title, ActionType type, RoleScope scope, boolean required) {
        return new StepDefinition(title, type, scope, required, Map.of());
    }

    public static StepDefinition step(String title, ActionType type, RoleScope scope, boolean required,
                                      Map<String, Object> config) {
        return new StepDefinition(title, type, scope, required, config);
    }

    public TemplateDetails published(TestFirm firm, StepDefinition... steps) {
        var author = firm.as(firm.owner());
        var template = templates.create(author, "Template " + UUID.randomUUID(), null, List.of(steps));
        return templates.publish(author, template.id());
    }

    /** An ACTIVE instance of a new template with these steps. */
    public InstanceDetails instance(TestFirm firm, StepDefinition... steps) {
        return instantiate(firm, true, steps);
    }

    /** A DRAFT instance (every step PENDING) of a new template with these steps. */
    public InstanceDetails draft(TestFirm firm, StepDefinition... steps) {
        return instantiate(firm, false, steps);
    }

    private InstanceDetails instantiate(TestFirm firm, boolean activate, StepDefinition... steps) {
        var template = published(firm, steps);
        return instances.instantiate(firm.as(firm.owner()),
                new Instances.Instantiate(template.id(), firm.matter().id(), null, activate, null));
    }
}
