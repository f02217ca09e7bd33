package io.matterflow.common;

import io.swagger.v3.oas.annotations.media.Schema;

/** One failing field of a request, config or payload: a dotted path and a human message. */
@Schema(description = "One failing field")
public record FieldError(
        @Schema(description = "A dotted path into the request (`steps[0].title`, `actionConfig.amount`); empty for"
                + " the body as a whole", requiredMode = Schema.RequiredMode.REQUIRED, example = "steps[0].title")
        String field,
        @Schema(description = "What is wrong with it", requiredMode = Schema.RequiredMode.REQUIRED,
                example = "must not be blank")
        String message) {
}
