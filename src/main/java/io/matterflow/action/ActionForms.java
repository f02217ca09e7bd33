package io.matterflow.action;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;

/**
 * The web UI's side of every action type: its config form (a type without an {@link ActionForm} bean gets an empty
 * one), the payload of its completion form, and the Thymeleaf view that holds its completion fragment. Pages ask
 * here, never a switch over the types.
 */
@Component
public class ActionForms {

    /** Where a type's completion fragment is looked for: {@code templates/action/<TYPE>.html}. */
    public static final String COMPLETION_VIEWS = "action/";
    /** The view used for a type without a completion fragment of its own: a plain "Complete" form. */
    public static final String FALLBACK_VIEW = COMPLETION_VIEWS + "fallback";

    /** The type names that may become part of a view name; anything else gets the fallback. */
    private static final Pattern VIEW_NAME = Pattern.compile("[A-Za-z0-9_]+");

    private final Map<ActionType, ActionForm> forms = new HashMap<>();
    private final List<ActionType> order = new ArrayList<>();
    private final ActionRegistry registry;
    private final Predicate<String> viewExists;
    private final Map<String, String> completionViews = new ConcurrentHashMap<>();

    @Autowired
    ActionForms(List<ActionForm> all, ActionRegistry registry, ResourceLoader resources,
                @Value("${spring.thymeleaf.prefix:classpath:/templates/}") String prefix,
                @Value("${spring.thymeleaf.suffix:.html}") String suffix) {
        this(all, registry, view -> resources.getResource(prefix + view + suffix).exists());
    }

    ActionForms(List<ActionForm> all, ActionRegistry registry, Predicate<String> viewExists) {
        all.forEach(f -> {
            forms.put(f.type(), f);
            order.add(f.type());
        });
        this.registry = registry;
        this.viewExists = viewExists;
    }

    /**
     * The types a step can be given, for a page's choice of type: those with a handler, in the order of their forms
     * (the built-ins as declared), then those without a form by name.
     */
    public List<ActionType> types() {
        Set<ActionType> registered = registry.types();
        Set<ActionType> types = new LinkedHashSet<>();
        order.stream().filter(registered::contains).forEach(types::add);
        registered.stream().sorted(Comparator.comparing(ActionType::name)).forEach(types::add);
        return List.copyOf(types);
    }

    /** The type's form; a type without a bean gets one with no fields and the default payload mapping. */
    public ActionForm form(ActionType type) {
        ActionForm form = forms.get(type);
        return form == null ? new ActionForm.Basic(type, List.of()) : form;
    }

    public List<ActionForm.Field> fields(ActionType type) {
        return form(type).fields();
    }

    public Map<String, Object> toConfig(ActionType type, Map<String, String> values) {
        return ActionForm.toConfig(fields(type), values);
    }

    public Map<String, String> toValues(ActionType type, Map<String, ?> config) {
        return ActionForm.toValues(fields(type), config);
    }

    /** The payload of the type's completion form, as its form maps it. */
    public Map<String, Object> payload(ActionType type, MultiValueMap<String, String> form) {
        return form(type).payload(form);
    }

    /**
     * The view holding the completion fragment of the type named {@code typeName}: {@code action/<typeName>} when
     * a template of that name is on the class path (this application's, another jar's, the tests'), else
     * {@link #FALLBACK_VIEW}. Looked up once per name.
     */
    public String completionView(String typeName) {
        if (typeName == null || !VIEW_NAME.matcher(typeName).matches()) {
            return FALLBACK_VIEW;
        }
        return completionViews.computeIfAbsent(typeName, name ->
                viewExists.test(COMPLETION_VIEWS + name) ? COMPLETION_VIEWS + name : FALLBACK_VIEW);
    }
}
