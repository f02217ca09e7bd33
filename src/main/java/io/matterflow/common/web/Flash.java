package io.matterflow.common.web;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Feedback after a UI action: an {@code HX-Trigger} event for htmx requests, shown by app.js. */
public final class Flash {

    /** Headers carry Latin-1 only: everything else is escaped as JSON \\uXXXX, which htmx decodes. */
    private static final com.fasterxml.jackson.databind.ObjectMapper HEADER_JSON =
            com.fasterxml.jackson.databind.json.JsonMapper.builder()
                    .enable(com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII).build();

    private Flash() {
    }

    public static boolean isHtmx(HttpServletRequest request) {
        return "true".equals(request.getHeader("HX-Request"));
    }

    public static void success(HttpServletResponse response, String message) {
        trigger(response, "success", message);
    }

    public static void trigger(HttpServletResponse response, String kind, String message) {
        try {
            response.setHeader("HX-Trigger", HEADER_JSON.writeValueAsString(
                    Map.of("flash", Map.of("kind", kind, "message", message))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
