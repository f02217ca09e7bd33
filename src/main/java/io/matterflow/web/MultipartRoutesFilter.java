package io.matterflow.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

import io.matterflow.common.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Multipart bodies go to the routes that declare they consume {@code multipart/form-data} (the uploads) and
 * nowhere else: anywhere else — the webhooks, the JSON routes, routes that take no body — they are refused with a 415
 * problem detail before anything reads them. Without this, a multipart POST to a route without a body ran that route,
 * and anything that asked for a request parameter had the container parse the whole body first. Runs before
 * security, so that no filter there gets to parse it either. The upload routes are read from the MVC mappings once.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class MultipartRoutesFilter extends OncePerRequestFilter {

    private final ObjectProvider<RequestMappingHandlerMapping> mappings;
    private volatile List<Route> routes;

    MultipartRoutesFilter(@Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> mappings) {
        this.mappings = mappings;
    }

    private record Route(PathPattern pattern, java.util.Set<RequestMethod> methods) {
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String type = request.getContentType();
        return type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (takesMultipart(request)) {
            chain.doFilter(request, response);
            return;
        }
        Problems.write(request, response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported Media Type",
                "this route takes no multipart body: only uploads (documents, calendar files, template files) do");
    }

    private boolean takesMultipart(HttpServletRequest request) {
        PathContainer path = PathContainer.parsePath(
                request.getRequestURI().substring(request.getContextPath().length()));
        for (Route route : routes()) {
            if (route.pattern().matches(path) && (route.methods().isEmpty()
                    || route.methods().contains(RequestMethod.resolve(request.getMethod())))) {
                return true;
            }
        }
        return false;
    }

    private List<Route> routes() {
        List<Route> found = routes;
        if (found == null) {
            found = new ArrayList<>();
            for (RequestMappingInfo info : mappings.getObject().getHandlerMethods().keySet()) {
                boolean multipart = info.getConsumesCondition().getConsumableMediaTypes().stream()
                        .anyMatch(MediaType.MULTIPART_FORM_DATA::includes);
                if (multipart && info.getPathPatternsCondition() != null) {
                    for (PathPattern pattern : info.getPathPatternsCondition().getPatterns()) {
                        found.add(new Route(pattern, info.getMethodsCondition().getMethods()));
                    }
                }
            }
            routes = found = List.copyOf(found);
        }
        return found;
    }
}
