package io.matterflow.action.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.matterflow.action.AbstractActionHandler;
import io.matterflow.action.ActionContext;
import io.matterflow.action.ActionType;
import io.matterflow.action.Outcome;
import io.matterflow.common.FieldError;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The team ticks items; with items configured, all must be ticked. May complete straight from READY. */
@Component
public class ChecklistHandler extends AbstractActionHandler<ChecklistConfig, ChecklistHandler.Ticks> {

    record Ticks(@Size(max = 100) List<@NotBlank String> checked) {
        List<String> checkedOrEmpty() {
            return checked == null ? List.of() : checked;
        }
    }

    public ChecklistHandler(Validator validator) {
        super(validator, ChecklistConfig.class, Ticks.class);
    }

    @Override
    public ActionType type() {
        return ActionType.CHECKLIST;
    }

    @Override
    public String configDescription() {
        return "`{items?: [string]}`";
    }

    @Override
    public boolean completesFromReady() {
        return true;
    }

    @Override
    protected void checkConfig(ChecklistConfig config, List<FieldError> errors) {
        var items = config.itemsOrEmpty();
        if (new HashSet<>(items).size() != items.size()) {
            errors.add(new FieldError("items", "must not repeat an item"));
        }
    }

    @Override
    protected void checkPayload(ActionContext<ChecklistConfig> ctx, Ticks ticks, List<FieldError> errors) {
        var items = ctx.config().itemsOrEmpty();
        var checked = ticks.checkedOrEmpty();
        if (items.isEmpty()) {
            return;
        }
        for (int i = 0; i < checked.size(); i++) {
            if (!items.contains(checked.get(i))) {
                errors.add(new FieldError("checked[" + i + "]", "is not an item of this checklist"));
            }
        }
        List<String> missing = new ArrayList<>(items);
        missing.removeAll(checked);
        if (!missing.isEmpty()) {
            errors.add(new FieldError("checked", "must include every item; missing " + missing));
        }
    }

    @Override
    public void complete(ActionContext<ChecklistConfig> ctx, Map<String, ?> payload) {
        Ticks ticks = payload(ctx, payload);
        ctx.data().put("checked", List.copyOf(ticks.checkedOrEmpty()));
        ctx.data().put("checkedAt", ctx.now().toString());
    }

    /** Per configured item: CHECKED (ticked when the step completed) and UNCHECKED. */
    @Override
    public List<Outcome> outcomes(ChecklistConfig config) {
        List<Outcome> outcomes = new ArrayList<>();
        for (String item : config.itemsOrEmpty()) {
            String quoted = "\u201c" + item + "\u201d";
            outcomes.add(new Outcome("CHECKED", item, "has " + quoted + " ticked",
                    "does not have " + quoted + " ticked"));
            outcomes.add(new Outcome("UNCHECKED", item, "does not have " + quoted + " ticked",
                    "has " + quoted + " ticked"));
        }
        return outcomes;
    }

    @Override
    public boolean hasOutcome(String outcome, String item, Map<String, ?> data) {
        boolean ticked = data.get("checked") instanceof List<?> checked && checked.contains(item);
        return switch (outcome) {
            case "CHECKED" -> ticked;
            case "UNCHECKED" -> !ticked;
            default -> false;
        };
    }
}
