package io.matterflow.bench;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.matterflow.action.ActionType;
import io.matterflow.action.RoleScope;
import io.matterflow.directory.Directory;
import io.matterflow.instance.InstanceDetails;
import io.matterflow.instance.Instances;
import io.matterflow.instance.StepDetails;
import io.matterflow.instance.StepDocuments;
import io.matterflow.instance.StepRuntime;
import io.matterflow.support.TestFirm;
import io.matterflow.template.StepDefinition;
import io.matterflow.template.Templates;

/**
 * The benchmark's workflow, like the demo's: a paralegal's CHECKLIST, a lawyer's APPROVAL_LAWYER, a client's
 * REQUEST_DOC_CLIENT, each claimed, started and completed by its performer through the service layer (the client
 * uploads a PDF before completing). One firm (organization, users, matter, published template) per thread.
 */
final class BenchFlow {

    static final List<String> ITEMS = List.of("Engagement letter filed", "Conflict database updated");
    static final byte[] PDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
            .getBytes(StandardCharsets.US_ASCII);
    /** User commands per instance: three steps, each claimed, started and completed. */
    static final int TRANSITIONS_PER_INSTANCE = 9;

    static List<StepDefinition> steps() {
        return List.of(
                new StepDefinition("Open the file", ActionType.CHECKLIST, RoleScope.PARALEGAL, true,
                        Map.of("items", ITEMS)),
                new StepDefinition("Conflict check", ActionType.APPROVAL_LAWYER, RoleScope.LAWYER, true,
                        Map.of("approverRole", "LAWYER", "message", "Approve the conflict check")),
                new StepDefinition("Proof of identity", ActionType.REQUEST_DOC_CLIENT, RoleScope.CLIENT, true,
                        Map.of("requestText", "Please upload a passport or ID card", "acceptedTypes",
                                List.of("application/pdf"))));
    }

    final TestFirm firm;
    final UUID templateId;
    private final Instances instances;
    private final StepRuntime runtime;
    private final StepDocuments documents;

    BenchFlow(MatterflowApp app) {
        this.firm = TestFirm.create(app.bean(Directory.class));
        Templates templates = app.bean(Templates.class);
        var template = templates.create(firm.as(firm.admin()), "Bench intake", "Benchmark workflow", steps());
        templates.publish(firm.as(firm.admin()), template.id());
        this.templateId = template.id();
        this.instances = app.bean(Instances.class);
        this.runtime = app.bean(StepRuntime.class);
        this.documents = app.bean(StepDocuments.class);
    }

    /** One instance from instantiation to COMPLETED; each user command is timed by the recorder. */
    void runOnce(LoadLoop.Recorder r) throws Exception {
        runOnce(r, true);
    }

    /**
     * The same semantics as the peers' claim and complete: each step started (which claims it for its performer)
     * and completed, 6 commands per instance instead of 9.
     */
    void runStartComplete(LoadLoop.Recorder r) throws Exception {
        runOnce(r, false);
    }

    private void runOnce(LoadLoop.Recorder r, boolean claim) throws Exception {
        var lawyer = firm.as(firm.owner());
        var paralegal = firm.as(firm.paralegal());
        var client = firm.as(firm.client());
        InstanceDetails instance = instances.instantiate(lawyer,
                new Instances.Instantiate(templateId, firm.matter().id(), "Bench", true, null));
        List<StepDetails> steps = instance.steps();
        UUID checklist = steps.get(0).id();
        UUID approval = steps.get(1).id();
        UUID document = steps.get(2).id();

        if (claim) {
            r.op(() -> runtime.claim(paralegal, checklist));
        }
        r.op(() -> runtime.start(paralegal, checklist));
        r.op(() -> runtime.complete(paralegal, checklist, Map.of("checked", ITEMS)));
        if (claim) {
            r.op(() -> runtime.claim(lawyer, approval));
        }
        r.op(() -> runtime.start(lawyer, approval));
        r.op(() -> runtime.complete(lawyer, approval, Map.of("approved", true, "comment", "No conflict")));
        if (claim) {
            r.op(() -> runtime.claim(client, document));
        }
        r.op(() -> runtime.start(client, document));
        var uploaded = documents.upload(client, document, "passport.pdf", "application/pdf", PDF);
        StepDetails done = r.op(() -> runtime.complete(client, document,
                Map.of("documentIds", List.of(uploaded.id().toString()))));
        if (done.actionState() != io.matterflow.action.ActionState.COMPLETED) {
            throw new IllegalStateException("the last step ended " + done.actionState());
        }
    }
}
