package io.matterflow.access;

import java.io.IOException;
import java.util.Optional;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Signs in requests that carry {@code Authorization: Bearer mf_...} with a personal API token. Any other bearer value
 * (malformed, unknown, expired, revoked) is refused at once with the chain's 401; requests without a bearer header
 * pass on untouched (HTTP Basic, or not signed in). Only the {@code /api/**} chain has this filter: it is built by
 * {@link SecurityConfiguration}, never registered as a bean, so the servlet container does not run it for the UI.
 */
final class ApiTokenAuthenticationFilter extends OncePerRequestFilter {

    private static final String SCHEME = "Bearer";

    private final ApiTokens tokens;
    private final AuthenticationEntryPoint entryPoint;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();
    private final SecurityContextRepository repository = new RequestAttributeSecurityContextRepository();

    ApiTokenAuthenticationFilter(ApiTokens tokens, AuthenticationEntryPoint entryPoint) {
        this.tokens = tokens;
        this.entryPoint = entryPoint;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> token = bearer(request.getHeader(HttpHeaders.AUTHORIZATION));
        if (token.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        Optional<ApiTokens.Authenticated> signedIn = tokens.authenticate(token.get());
        if (signedIn.isEmpty()) {
            contexts.clearContext();
            entryPoint.commence(request, response, new InvalidApiTokenException());
            return;
        }
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(new ApiTokenAuthentication(new MatterflowPrincipal(signedIn.get().user(), null),
                signedIn.get().tokenId()));
        contexts.setContext(context);
        // kept for the error dispatch of this request, as HTTP Basic does; the API chain keeps no session
        repository.saveContext(context, request, response);
        chain.doFilter(request, response);
    }

    /** The credentials of an {@code Authorization: Bearer <credentials>} header (scheme case-insensitive). */
    static Optional<String> bearer(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String value = header.strip();
        if (!value.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                || (value.length() > SCHEME.length() && value.charAt(SCHEME.length()) != ' ')) {
            return Optional.empty();
        }
        return Optional.of(value.substring(SCHEME.length()).strip());
    }
}
