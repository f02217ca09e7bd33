package io.matterflow.webhook.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.matterflow.action.ActionRegistry;
import io.matterflow.action.ESignatureProvider;
import io.matterflow.action.PaymentProvider;
import io.matterflow.common.ConflictException;
import io.matterflow.common.ForbiddenException;
import io.matterflow.common.web.UiController;
import io.matterflow.directory.Actor;
import io.matterflow.instance.DocumentReads;
import io.matterflow.instance.Instances;
import io.matterflow.instance.StepDetails;
import io.matterflow.webhook.MockProviderEvents;
import io.matterflow.webhook.ProviderKind;

/**
 * The built-in mock e-signature and payment providers' pages: what a client sees at the provider. With a real
 * provider these pages are the provider's own, and the provider reports the outcome to Matterflow's webhook; here
 * {@link MockProviderEvents} sends the same signed event through the same webhook code. The pages live in the webhook
 * module, which depends on the instance module, so that the instance module never depends back on webhooks.
 */
@UiController
class MockProviderUiController {

    private final Instances instances;
    private final DocumentReads documents;
    private final MockProviderEvents providerEvents;
    private final ActionRegistry registry;
    private final ESignatureProvider signatures;
    private final PaymentProvider payments;

    MockProviderUiController(Instances instances, DocumentReads documents, MockProviderEvents providerEvents,
                             ActionRegistry registry, List<ESignatureProvider> signatures,
                             List<PaymentProvider> payments) {
        this.registry = registry;
        this.signatures = signatures.stream().filter(p -> MockProviderEvents.PROVIDER.equals(p.name())).findFirst()
                .orElseThrow();
        this.payments = payments.stream().filter(p -> MockProviderEvents.PROVIDER.equals(p.name())).findFirst()
                .orElseThrow();
        this.instances = instances;
        this.documents = documents;
        this.providerEvents = providerEvents;
    }

    @GetMapping("/mock/esign/{session}")
    String signing(Actor actor, @PathVariable String session, @RequestParam("step") UUID stepId, Model model) {
        StepDetails step = providerStep(actor, stepId, ProviderKind.ESIGN, session);
        model.addAttribute("step", step);
        model.addAttribute("instance", instances.get(actor, step.instanceId()));
        model.addAttribute("session", session);
        model.addAttribute("cancelledAt", signatures.cancelledAt(session).orElse(null));
        model.addAttribute("document", documents.signatureDocument(actor, step).orElse(null));
        return "webhook/mock-esign";
    }

    @PostMapping("/mock/esign/{session}")
    String sign(Actor actor, @PathVariable String session, @RequestParam("step") UUID stepId,
                @RequestParam String outcome, @RequestParam(required = false) String reason,
                RedirectAttributes redirect) {
        StepDetails step = providerStep(actor, stepId, ProviderKind.ESIGN, session);
        requireAssignee(actor, step);
        requireOpen(signatures.cancelledAt(session), "signing session");
        boolean signed = !"DECLINED".equals(outcome);
        providerEvents.signature(session, signed, reason);
        var instance = instances.get(actor, step.instanceId());
        redirect.addFlashAttribute("flash", signed ? "Signed. The provider has told Matterflow; the step is complete."
                : "Signature declined. The step is marked failed.");
        return "redirect:/matters/" + instance.matterId() + "/workflows/" + instance.id() + "#step-" + step.id();
    }

    @GetMapping("/mock/payments/{intent}")
    String checkout(Actor actor, @PathVariable String intent, @RequestParam("step") UUID stepId, Model model) {
        StepDetails step = providerStep(actor, stepId, ProviderKind.PAYMENTS, intent);
        model.addAttribute("step", step);
        model.addAttribute("instance", instances.get(actor, step.instanceId()));
        model.addAttribute("intent", intent);
        model.addAttribute("cancelledAt", payments.cancelledAt(intent).orElse(null));
        return "webhook/mock-payment";
    }

    @PostMapping("/mock/payments/{intent}")
    String pay(Actor actor, @PathVariable String intent, @RequestParam("step") UUID stepId,
               @RequestParam String outcome, RedirectAttributes redirect) {
        StepDetails step = providerStep(actor, stepId, ProviderKind.PAYMENTS, intent);
        requireAssignee(actor, step);
        requireOpen(payments.cancelledAt(intent), "payment");
        boolean succeeded = !"FAILED".equals(outcome);
        providerEvents.payment(intent, succeeded, new BigDecimal(String.valueOf(step.actionConfig().get("amount"))),
                String.valueOf(step.actionConfig().get("currency")));
        var instance = instances.get(actor, step.instanceId());
        redirect.addFlashAttribute("flash", succeeded ? "Payment received. The provider confirmed it; the step is complete."
                : "The payment failed. The step is marked failed; the matter's owner can retry it.");
        return "redirect:/matters/" + instance.matterId() + "/workflows/" + instance.id() + "#step-" + step.id();
    }

    /**
     * The step, if one of its attempts (the current one, or one before a retry) is the mock provider's session
     * {@code id} of that kind; else 409.
     */
    private StepDetails providerStep(Actor actor, UUID stepId, ProviderKind kind, String id) {
        StepDetails step = instances.step(actor, stepId);
        boolean ours = registry.find(step.actionType())
                .filter(h -> kind.key().equals(h.providerKind()))
                .map(h -> attempts(step.actionData()).stream().anyMatch(attempt -> id.equals(
                        attempt.get(h.providerReferenceKey()))
                        && MockProviderEvents.PROVIDER.equals(attempt.get("provider"))))
                .orElse(false);
        if (!ours) {
            throw new ConflictException("Unknown session", "this " + (kind == ProviderKind.PAYMENTS
                    ? "payment" : "signing") + " session does not belong to the step");
        }
        return step;
    }

    /** The step's data and that of each attempt before a retry ({@code previousAttempts}). */
    private static List<Map<?, ?>> attempts(Map<String, Object> data) {
        var all = new java.util.ArrayList<Map<?, ?>>();
        all.add(data);
        if (data.get("previousAttempts") instanceof List<?> previous) {
            previous.stream().filter(Map.class::isInstance).map(a -> (Map<?, ?>) a).forEach(all::add);
        }
        return all;
    }

    /** A cancelled session takes nothing more, as at a real provider: 409. */
    private static void requireOpen(Optional<Instant> cancelledAt, String what) {
        if (cancelledAt.isPresent()) {
            throw new ConflictException("Session cancelled", "this " + what + " was cancelled at "
                    + cancelledAt.get() + ": its step had moved on");
        }
    }

    private static void requireAssignee(Actor actor, StepDetails step) {
        if (step.assignedToId() == null || !step.assignedToId().equals(actor.userId())) {
            throw new ForbiddenException("only the person the step is assigned to can sign or pay here");
        }
    }
}
