package io.matterflow.action;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

/** The builder form of every action type; a type without one gets an empty form. */
@Component
public class ActionForms {

    private final Map<ActionType, ActionForm> forms = new HashMap<>();

    ActionForms(List<ActionForm> all) {
        all.forEach(f -> forms.put(f.type(), f));
    }

    public List<ActionForm.Field> fields(ActionType type) {
        ActionForm form = forms.get(type);
        return form == null ? List.of() : form.fields();
    }

    public Map<String, Object> toConfig(ActionType type, Map<String, String> values) {
        return ActionForm.toConfig(fields(type), values);
    }

    public Map<String, String> toValues(ActionType type, Map<String, ?> config) {
        return ActionForm.toValues(fields(type), config);
    }
}
