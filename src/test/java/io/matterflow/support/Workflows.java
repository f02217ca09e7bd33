package io.matterflow.support;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.matterflow.action.ActionType;
import io.matterflow.action.RoleScope;
import io.matterflow.directory.Actor;
import io.matterflow.instance.InstanceDetails;
import io.matterflow.instance.Instances;
import io.matterflow.template.StepDefinition;
import io.matterflow.template.TemplateDetails;
import io.matterflow.template.Templates;

/**
 * Published templates and instances on a {@link TestFirm}'s matter, made through the services by the matter's owner:
 * the one way tests create, publish and instantiate a template they do not test themselves. A bean in the contexts of
 * {@link H2Test} and {@link PostgresTest} ({@code @Autowired Workflows workflows}); elsewhere
 * {@code new Workflows(templates, instances)}.
 */
public record Workflows(Templates templates, Instances instances) {

    public static StepDefinition step(String title, ActionType type, RoleScope scope, boolean required) {
        return new StepDefinition(title, type, scope, required, Map.of());
    }

    public static StepDefinition step(String title, ActionType type, RoleScope scope, boolean required,
                                      Map<String, Object> config) {
        return new StepDefinition(title, type, scope, required, config);
    }

    /** A template with these steps under a fresh name, created and published by the matter's owner. */
    public TemplateDetails published(TestFirm firm, StepDefinition... steps) {
        return published(firm, List.of(steps));
    }

    public TemplateDetails published(TestFirm firm, List<StepDefinition> steps) {
        return published(firm, "Template " + UUID.randomUUID(), steps);
    }

    public TemplateDetails published(TestFirm firm, String name, List<StepDefinition> steps) {
        var author = firm.as(firm.owner());
        var template = templates.create(author, name, null, steps);
        return templates.publish(author, template.id());
    }

    /** An ACTIVE instance, on the firm's matter, of a new template with these steps. */
    public InstanceDetails instance(TestFirm firm, StepDefinition... steps) {
        return instance(firm, List.of(steps));
    }

    public InstanceDetails instance(TestFirm firm, List<StepDefinition> steps) {
        return instantiate(firm, published(firm, steps).id(), null);
    }

    /** An ACTIVE instance with this title, on the firm's matter, of a new template with these steps. */
    public InstanceDetails instance(TestFirm firm, String title, StepDefinition... steps) {
        return instantiate(firm, published(firm, steps).id(), title);
    }

    /** The READY client document request "Documents" of a new ACTIVE instance on the firm's matter: its step's id. */
    public UUID documentRequest(TestFirm firm) {
        return instance(firm, step("Documents", ActionType.REQUEST_DOC_CLIENT, RoleScope.CLIENT, true,
                Map.of("requestText", "Your documents, please"))).steps().get(0).id();
    }

    /** A DRAFT instance (every step PENDING) of a new template with these steps. */
    public InstanceDetails draft(TestFirm firm, StepDefinition... steps) {
        var owner = firm.as(firm.owner());
        return instances.instantiate(owner, new Instances.Instantiate(published(firm, steps).id(),
                firm.matter().id(), null, false, null));
    }

    /** An ACTIVE instance of the template's latest version on the firm's matter; no title: the template's name. */
    public InstanceDetails instantiate(TestFirm firm, UUID templateId, String title) {
        return instantiate(firm.as(firm.owner()), templateId, firm.matter().id(), title);
    }

    /** An ACTIVE instance of the template's latest version on the matter, started by {@code by}. */
    public InstanceDetails instantiate(Actor by, UUID templateId, UUID matterId, String title) {
        return instances.instantiate(by, new Instances.Instantiate(templateId, matterId, title, true, null));
    }
}
