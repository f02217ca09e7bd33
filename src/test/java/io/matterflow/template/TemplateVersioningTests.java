package io.matterflow.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;

import io.matterflow.action.ActionType;
import io.matterflow.action.RoleScope;
import io.matterflow.audit.AuditLog;
import io.matterflow.common.ConflictException;
import io.matterflow.common.FieldError;
import io.matterflow.common.ForbiddenException;
import io.matterflow.common.NotFoundException;
import io.matterflow.common.ValidationException;
import io.matterflow.directory.Actor;
import io.matterflow.directory.Directory;
import io.matterflow.instance.InstanceDetails;
import io.matterflow.instance.Instances;
import io.matterflow.instance.StepDetails;
import io.matterflow.support.H2Test;
import io.matterflow.support.TestFirm;

@H2Test
class TemplateVersioningTests {

    @Autowired
    Directory directory;
    @Autowired
    Templates templates;
    @Autowired
    Instances instances;
    @Autowired
    AuditLog audit;

    TestFirm firm;
    Actor author;

    @BeforeEach
    void firm() {
        firm = TestFirm.create(directory);
        author = firm.as(firm.owner());
    }

    @Test
    void shouldCreateADraftThatIsUnpublishedAndActive() {
        var template = templates.create(author, "Intake", "For new clients", List.of(checklist("One")));
        assertThat(template.version()).isZero();
        assertThat(template.isActive()).isTrue();
        assertThat(template.steps()).extracting(TemplateStep::order).containsExactly(0);
        assertThatThrownBy(() -> instances.instantiate(author,
                new Instances.Instantiate(template.id(), firm.matter().id(), null, true, null)))
                .isInstanceOf(ConflictException.class).hasMessageContaining("no published version");
    }

    @Test
    void shouldNotChangeAPublishedVersionNorItsInstancesWhenTheDraftIsEdited() {
        var template = templates.create(author, "Intake", null, List.of(checklist("One"), approval("Two")));
        var v1 = templates.publish(author, template.id());
        assertThat(v1.version()).isEqualTo(1);
        InstanceDetails fromV1 = instantiate(template.id(), null);

        templates.update(author, template.id(), new TemplateChanges("Intake v2", null, null,
                List.of(approval("Two, edited"), checklist("One, edited"), checklist("Three"))));

        var versions = templates.versions(author, template.id());
        assertThat(versions).hasSize(1);
        assertThat(versions.get(0).steps()).extracting(TemplateStep::title).containsExactly("One", "Two");
        assertThat(instances.get(author, fromV1.id()).steps()).extracting(StepDetails::title)
                .containsExactly("One", "Two");

        var v2 = templates.publish(author, template.id());
        assertThat(v2.version()).isEqualTo(2);
        assertThat(instantiate(template.id(), null).steps()).extracting(StepDetails::title)
                .containsExactly("Two, edited", "One, edited", "Three");
        var again = instantiate(template.id(), 1);
        assertThat(again.templateVersion()).isEqualTo(1);
        assertThat(again.steps()).extracting(StepDetails::title).containsExactly("One", "Two");
        assertThat(instances.get(author, fromV1.id()).steps()).extracting(StepDetails::title)
                .containsExactly("One", "Two");
        assertThat(templates.versions(author, template.id())).extracting(PublishedTemplate::version)
                .containsExactly(2, 1);
    }

    @Test
    void shouldRefuseToInstantiateADeactivatedTemplateOrAnUnknownVersion() {
        var template = templates.create(author, "Intake", null, List.of(checklist("One")));
        templates.publish(author, template.id());
        assertThatThrownBy(() -> instantiate(template.id(), 7)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("version");
        templates.update(author, template.id(), new TemplateChanges(null, null, false, null));
        assertThatThrownBy(() -> instantiate(template.id(), null)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("deactivated");
    }

    @Test
    void shouldRefuseToPublishAnEmptyDraft() {
        var template = templates.create(author, "Empty", null, List.of());
        assertThatThrownBy(() -> templates.publish(author, template.id())).isInstanceOf(ConflictException.class);
        assertThat(templates.get(author, template.id()).version()).isZero();
    }

    @Test
    void shouldNameEveryInvalidStepFieldAndWriteNothing() {
        var bad = List.of(
                new StepDefinition("", ActionType.CHECKLIST, RoleScope.PARALEGAL, true, Map.of()),
                new StepDefinition("Pay", ActionType.PAYMENT_CLIENT, RoleScope.CLIENT, true,
                        Map.of("amount", -5, "currency", "EURO")),
                new StepDefinition("Sign", ActionType.SIGNATURE_CLIENT, null, true, Map.of()));
        assertThatThrownBy(() -> templates.create(author, "Bad", null, bad))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactlyInAnyOrder("steps[0].title",
                                "steps[1].actionConfig.amount", "steps[1].actionConfig.currency",
                                "steps[2].roleScope", "steps[2].actionConfig.documentId"));
        assertThat(templates.search(author, "Bad", PageRequest.of(0, 10)).getTotalElements()).isZero();
    }

    @Test
    void shouldSearchByNameAndDescriptionWithinTheOrganization() {
        templates.create(author, "Litigation hold", "Preserve documents", List.of());
        templates.create(author, "Real estate closing", "Deeds and escrow", List.of());
        assertThat(templates.search(author, "hold", PageRequest.of(0, 10)).getContent())
                .extracting(TemplateDetails::name).containsExactly("Litigation hold");
        assertThat(templates.search(author, "ESCROW", PageRequest.of(0, 10)).getContent())
                .extracting(TemplateDetails::name).containsExactly("Real estate closing");
        var other = TestFirm.create(directory);
        assertThat(templates.search(other.as(other.owner()), "hold", PageRequest.of(0, 10))).isEmpty();
    }

    @Test
    void shouldLetAdminsAndLawyersAuthorParalegalsReadAndClientsNothing() {
        var template = templates.create(firm.as(firm.admin()), "By admin", null, List.of(checklist("One")));
        assertThat(templates.get(firm.as(firm.paralegal()), template.id()).name()).isEqualTo("By admin");
        assertThatThrownBy(() -> templates.publish(firm.as(firm.paralegal()), template.id()))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> templates.get(firm.as(firm.client()), template.id()))
                .isInstanceOf(ForbiddenException.class);
        var other = TestFirm.create(directory);
        assertThatThrownBy(() -> templates.get(other.as(other.admin()), template.id()))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void shouldAuditCreationEditsAndPublication() {
        var template = templates.create(author, "Audited", null, List.of(checklist("One")));
        templates.update(author, template.id(), new TemplateChanges("Audited 2", null, null, null));
        templates.publish(author, template.id());
        assertThat(audit.stream(firm.orgId(), template.id())).extracting(e -> e.action() + " " + e.actorId())
                .containsExactly("template.create " + firm.owner().id(), "template.update " + firm.owner().id(),
                        "template.publish " + firm.owner().id());
    }

    private InstanceDetails instantiate(java.util.UUID templateId, Integer version) {
        return instances.instantiate(author,
                new Instances.Instantiate(templateId, firm.matter().id(), null, true, version));
    }

    private static StepDefinition checklist(String title) {
        return new StepDefinition(title, ActionType.CHECKLIST, RoleScope.PARALEGAL, true, Map.of());
    }

    private static StepDefinition approval(String title) {
        return new StepDefinition(title, ActionType.APPROVAL_LAWYER, RoleScope.LAWYER, true, null);
    }
}
