package io.matterflow.web;

import java.io.IOException;
import java.util.Collections;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import io.matterflow.common.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * State-changing API requests (POST, PUT, PATCH, DELETE under {@code /api/}) with a body type a page on another site
 * can make a browser send without a CORS preflight — {@code application/x-www-form-urlencoded},
 * {@code multipart/form-data}, {@code text/plain} — are refused with 415 before security or any controller runs.
 * The API is JSON; without this, routes that read no body (claim, start, publish, ...) accepted a cross-site form post.
 * The one exception is multipart on the upload routes (a step's, a template's, an instance's documents, and the
 * calendar's holiday import), which need it; a cross-site form post there carries
 * no credentials, since the API never asks a browser to cache HTTP Basic credentials and ignores the UI's session
 * cookie. Requests without a Content-Type (curl's {@code -X POST} with no body) pass: they carry no body to forge.
 * <p>
 * A type's essence is compared as the Fetch standard's CORS-safelist check compares it (the part before any
 * {@code ;}, trimmed, case-insensitive), so every spelling a browser sends without a preflight is caught.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class CrossSiteContentTypeFilter extends OncePerRequestFilter {

    static final String FORM = "application/x-www-form-urlencoded";
    static final String MULTIPART = "multipart/form-data";
    static final String TEXT = "text/plain";
    private static final Set<String> SIMPLE_TYPES = Set.of(FORM, MULTIPART, TEXT);
    private static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final Pattern UPLOAD = Pattern.compile(
            "/api/workflows/(steps|templates|instances)/[^/]+/documents|/api/calendar/holidays/import");

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !STATE_CHANGING.contains(request.getMethod()) || !path(request).startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean upload = "POST".equals(request.getMethod()) && UPLOAD.matcher(path(request)).matches();
        for (String value : Collections.list(request.getHeaders(HttpHeaders.CONTENT_TYPE))) {
            String essence = essence(value);
            if (SIMPLE_TYPES.contains(essence) && !(upload && essence.equals(MULTIPART))) {
                String accepted = upload ? MULTIPART : MediaType.APPLICATION_JSON_VALUE;
                response.setHeader(HttpHeaders.ACCEPT, accepted);
                Problems.write(request, response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported content type",
                        essence + " is not accepted here: send " + accepted + " (form and text bodies are refused"
                                + " because a page on another site can make a browser send them)");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** The media type without parameters, trimmed and lower-cased: "Text/Plain ; charset=x" is "text/plain". */
    static String essence(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}
