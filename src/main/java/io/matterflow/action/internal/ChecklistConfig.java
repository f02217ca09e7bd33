package io.matterflow.action.internal;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** CHECKLIST: the items to tick; with none configured the step is a single "done" box. */
public record ChecklistConfig(@Size(max = 100) List<@NotBlank @Size(max = 300) String> items) {

    public List<String> itemsOrEmpty() {
        return items == null ? List.of() : items;
    }
}
