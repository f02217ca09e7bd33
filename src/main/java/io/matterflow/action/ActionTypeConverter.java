package io.matterflow.action;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores an {@link ActionType} as its name ({@code action_type}, any registered name: see V14). */
@Converter(autoApply = true)
public class ActionTypeConverter implements AttributeConverter<ActionType, String> {

    @Override
    public String convertToDatabaseColumn(ActionType type) {
        return type == null ? null : type.name();
    }

    @Override
    public ActionType convertToEntityAttribute(String name) {
        return name == null ? null : ActionType.of(name);
    }
}
