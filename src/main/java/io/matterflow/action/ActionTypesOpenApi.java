package io.matterflow.action;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.stereotype.Component;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;

/**
 * The API document's view of the registered types: every {@code actionType} property is a string enum of their
 * names, and every {@code actionConfig} description that holds {@link ActionType#CONFIG_DESCRIPTION} lists each
 * type's config as its handler describes it ({@link ActionRegistry#configDescription()}).
 */
@Component
class ActionTypesOpenApi implements OpenApiCustomizer {

    static final String TYPE_PROPERTY = "actionType";
    static final String CONFIG_PROPERTY = "actionConfig";

    static {
        // a type is its name on the wire; the enum of names is filled in below
        SpringDocUtils.getConfig().replaceWithClass(ActionType.class, String.class);
    }

    private final ActionRegistry registry;

    ActionTypesOpenApi(ActionRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getComponents() == null || openApi.getComponents().getSchemas() == null) {
            return;
        }
        List<String> names = registry.types().stream().map(ActionType::name).toList();
        String description = registry.configDescription();
        openApi.getComponents().getSchemas().values().forEach(schema -> describe(schema, names, description));
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void describe(Schema<?> schema, List<String> names, String description) {
        Map<String, Schema> properties = schema.getProperties();
        if (properties == null) {
            return;
        }
        properties.forEach((name, property) -> {
            if (TYPE_PROPERTY.equals(name) && property.get$ref() == null) {
                property.setEnum(new ArrayList<>(names));
            } else if (CONFIG_PROPERTY.equals(name) && property.getDescription() != null) {
                property.setDescription(property.getDescription().replace(ActionType.CONFIG_DESCRIPTION, description));
            }
            describe(property, names, description);
        });
    }
}
