package io.matterflow.common.web;

import java.util.Map;

import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.json.JsonMapper;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Feedback after a UI action: an {@code HX-Trigger} event for htmx requests, shown by app.js. */
public final class Flash {

    /** Headers carry Latin-1 only: everything else is escaped as JSON \\uXXXX, which htmx decodes. */
    private static final JsonMapper HEADER_JSON = JsonMapper.builder()
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    private Flash() {
    }

    public static boolean isHtmx(HttpServletRequest request) {
        return "true".equals(request.getHeader("HX-Request"));
    }

    public static void success(HttpServletResponse response, String message) {
        trigger(response, "success", message);
    }

    public static void trigger(HttpServletResponse response, String kind, String message) {
        response.setHeader("HX-Trigger", HEADER_JSON.writeValueAsString(
                Map.of("flash", Map.of("kind", kind, "message", message))));
    }
}
