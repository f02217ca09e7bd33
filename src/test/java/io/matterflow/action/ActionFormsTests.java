package io.matterflow.action;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockServletContext;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

/**
 * The web UI's side of the action types: the default completion payload, the order pages offer the types in, and
 * how a type's completion fragment is found (templates/action/&lt;TYPE&gt;.html, else the fallback).
 */
class ActionFormsTests {

    private final ActionRegistry registry = new ActionRegistry(TestHandlers.defaults());
    private final ActionForms forms = new ActionForms(List.of(), registry, new DefaultResourceLoader(),
            "classpath:/templates/", ".html");

    /** A step as the completion fragments read it. */
    public record Step(UUID id, String title) {
    }

    private static MultiValueMap<String, String> form(String... namesAndValues) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            form.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return form;
    }

    @Test
    void shouldTakeFieldsAsNamedByDefaultLeavingOutBlanksAndTheCsrfToken() {
        ActionForm plain = new ActionForm.Basic(ActionType.CHECKLIST, List.of());

        assertThat(plain.payload(form("_csrf", "token", "note", "  kept  ", "empty", " ", "tag", "a", "tag", "b")))
                .containsExactly(Map.entry("note", "kept"), Map.entry("tag", List.of("a", "b")));
    }

    @Test
    void shouldOfferTheTypesWithAHandlerInTheOrderOfTheirFormsThenByName() {
        ActionForms someForms = new ActionForms(List.of(new ActionForm.Basic(ActionType.PAYMENT_CLIENT, List.of()),
                new ActionForm.Basic(ActionType.CHECKLIST, List.of())), registry, view -> false);

        assertThat(someForms.types()).containsExactly(ActionType.PAYMENT_CLIENT, ActionType.CHECKLIST,
                ActionType.APPROVAL_LAWYER, ActionType.REQUEST_DOC_CLIENT, ActionType.SIGNATURE_CLIENT);
        assertThat(someForms.fields(ActionType.APPROVAL_LAWYER)).isEmpty();
        assertThat(someForms.payload(ActionType.APPROVAL_LAWYER, form("comment", "ok"))).isEqualTo(Map.of("comment", "ok"));
    }

    @Test
    void shouldFindACompletionFragmentByTheTypesNameOnTheClassPath() {
        for (ActionType type : registry.types()) {
            assertThat(forms.completionView(type.name())).as(type.name()).isEqualTo("action/" + type.name());
        }
        // under src/test/resources/templates/action/ only
        assertThat(forms.completionView("TEST_ONLY_TYPE")).isEqualTo("action/TEST_ONLY_TYPE");
    }

    @Test
    void shouldFallBackForATypeWithoutAFragmentAndForNamesThatAreNoViewName() {
        assertThat(forms.completionView("NO_FRAGMENT_TYPE")).isEqualTo(ActionForms.FALLBACK_VIEW);
        assertThat(forms.completionView("../instance/run")).isEqualTo(ActionForms.FALLBACK_VIEW);
        assertThat(forms.completionView("")).isEqualTo(ActionForms.FALLBACK_VIEW);
        assertThat(forms.completionView(null)).isEqualTo(ActionForms.FALLBACK_VIEW);
    }

    @Test
    void shouldRenderTheTypesOwnFragmentOrTheFallbacksCompleteButton() {
        Step step = new Step(UUID.randomUUID(), "Final check");

        assertThat(render(forms.completionView("TEST_ONLY_TYPE"), step, Set.of("complete")))
                .contains("<p class=\"test-only\">Test-only completion of Final check</p>");

        String fallback = render(forms.completionView("NO_FRAGMENT_TYPE"), step, Set.of("complete"));
        assertThat(fallback).contains("hx-post=\"/workflows/steps/" + step.id() + "/complete\"")
                .contains("<button type=\"submit\" class=\"small\">Complete</button>");
        assertThat(render(forms.completionView("NO_FRAGMENT_TYPE"), step, Set.of("claim"))).doesNotContain("<form");
    }

    /** The fragment {@code completion} of the view, as the run view includes it, with the step and its events. */
    private static String render(String view, Step step, Set<String> can) {
        ClassLoaderTemplateResolver templates = new ClassLoaderTemplateResolver();
        templates.setPrefix("templates/");
        templates.setSuffix(".html");
        templates.setTemplateMode(TemplateMode.HTML);
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.setTemplateResolver(templates);
        var exchange = JakartaServletWebApplication.buildApplication(new MockServletContext())
                .buildExchange(new MockHttpServletRequest(), new MockHttpServletResponse());
        var context = new WebContext(exchange, Locale.ENGLISH, Map.of("step", step, "can", can, "mine", false));
        return engine.process(view, Set.of("completion"), context);
    }
}
