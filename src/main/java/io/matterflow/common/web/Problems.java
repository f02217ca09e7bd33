package io.matterflow.common.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.matterflow.common.Json;

/** Writes a problem detail from a filter, where no controller advice runs. */
public final class Problems {

    private Problems() {
    }

    public static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String title,
                             String detail) throws IOException {
        write(request, response, status, title, detail, Map.of());
    }

    public static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String title,
                             String detail, Map<String, ?> properties) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status.value());
        body.put("detail", detail);
        body.put("instance", request.getRequestURI());
        body.putAll(properties);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(Json.MAPPER.writeValueAsString(body));
    }
}
