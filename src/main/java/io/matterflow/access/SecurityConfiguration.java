package io.matterflow.access;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Profiles;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.security.SpringSessionBackedSessionRegistry;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.firewall.HttpStatusRequestRejectedHandler;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.security.web.firewall.RequestRejectedHandler;

import io.matterflow.access.internal.LoginController;
import io.matterflow.common.web.Problems;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Three filter chains. {@code /actuator/**}: health and the Prometheus scrape are public, the other endpoints need
 * an ADMIN (HTTP Basic, or the UI's session). {@code /api/**}: a personal API token ({@code Authorization: Bearer
 * mf_...}, see {@link ApiTokens}) or HTTP Basic, stateless (a session cookie never authenticates an API call, so CSRF
 * cannot apply and is off), errors as problem details. Its 401s challenge with Bearer only, never Basic, so that no
 * browser caches Basic credentials a page on another site could then use; form and text bodies are refused before
 * this chain ({@code CrossSiteContentTypeFilter}). Everything else (the UI): form login with a session and CSRF
 * protection; a calendar feed ({@code /calendar/<token>.ics}) is public, its address being its credential. API tokens are accepted by the API chain only. Password sign-ins on every chain go through
 * {@link ThrottlingAuthenticationProvider} (repeated failures lock the email for a while: 429 on the API, the login
 * page says so in the UI; a client address that failed too many password checks is refused with 429 everywhere);
 * signing in changes the session id (Spring Security's default, against fixation).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String BEARER_CHALLENGE = "Bearer realm=\"Matterflow\"";

    static final String[] PUBLIC_UI = {"/login", "/error", "/password/set", "/password/forgot", "/css/**", "/js/**", "/img/**", "/webjars/**",
            "/favicon.ico", "/calendar/*.ics", "/v3/api-docs",
            "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui.html", "/swagger-ui/**"};

    @Bean
    @Order(0)
    SecurityFilterChain actuator(HttpSecurity http) throws Exception {
        BasicAuthenticationEntryPoint challenge = new BasicAuthenticationEntryPoint();
        challenge.setRealmName("Matterflow");
        AuthenticationEntryPoint unauthorized = (request, response, e) -> {
            if (e instanceof SignInThrottledException throttled) {
                tooManySignIns(request, response, throttled);
            } else {
                challenge.commence(request, response, e);
            }
        };
        securityHeaders(http);
        http.securityMatcher("/actuator/**")
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus").permitAll()
                        .anyRequest().hasRole("ADMIN"))
                .httpBasic(basic -> basic.realmName("Matterflow").authenticationEntryPoint(unauthorized));
        return http.build();
    }

    /**
     * The Content-Security-Policy of every response: scripts, styles, fonts, images and requests from this origin
     * only (no inline script or style, no eval), never framed, forms posting here only. A document shown inline sets
     * its own sandboxing policy, which is kept (the writer adds none when the response has one).
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-ancestors 'none';"
            + " form-action 'self'; base-uri 'self'; object-src 'none'";

    /**
     * Swagger UI's policy: its scripts are files too, but its React components set style attributes and it shows
     * the schema's images as data: URIs, so it alone may use inline styles.
     */
    static final String SWAGGER_UI_POLICY = CONTENT_SECURITY_POLICY.replace("style-src 'self';",
            "style-src 'self' 'unsafe-inline';");

    static final String PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";

    /** One year; sent over HTTPS only (Spring Security's default matcher), and only under the prod profile. */
    static final long HSTS_SECONDS = 31_536_000;

    /**
     * The security headers every chain sends: the policies above, Referrer-Policy strict-origin-when-cross-origin
     * (a page that sets its own, such as the password pages' no-referrer, keeps it), Permissions-Policy,
     * X-Frame-Options DENY, X-Content-Type-Options nosniff and the no-store cache headers (Spring Security's
     * defaults), and HSTS under the {@code prod} profile only (development runs on plain HTTP).
     */
    static void securityHeaders(HttpSecurity http) throws Exception {
        boolean prod = http.getSharedObject(ApplicationContext.class).getEnvironment()
                .acceptsProfiles(Profiles.of("prod"));
        RequestMatcher swaggerUi = request -> {
            String path = request.getRequestURI().substring(request.getContextPath().length());
            return path.equals("/swagger-ui.html") || path.startsWith("/swagger-ui/");
        };
        http.headers(headers -> headers
                .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(swaggerUi,
                        new ContentSecurityPolicyHeaderWriter(SWAGGER_UI_POLICY)))
                .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(new NegatedRequestMatcher(swaggerUi),
                        new ContentSecurityPolicyHeaderWriter(CONTENT_SECURITY_POLICY)))
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                .permissionsPolicyHeader(permissions -> permissions.policy(PERMISSIONS_POLICY))
                .frameOptions(frames -> frames.deny())
                .httpStrictTransportSecurity(hsts -> {
                    if (prod) {
                        hsts.maxAgeInSeconds(HSTS_SECONDS).includeSubDomains(true);
                    } else {
                        hsts.disable();
                    }
                }));
    }

    /**
     * 429 with Retry-After, as a problem detail: the password was not checked. The email's lockout and the
     * address's spent budget are told apart, which reveals nothing an attacker does not know already.
     */
    static void tooManySignIns(HttpServletRequest request, HttpServletResponse response,
                               SignInThrottledException throttled) throws IOException {
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds(throttled)));
        Problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS, "Too many failed sign-ins",
                throttled.scope() == SignInThrottledException.Scope.EMAIL
                        ? "sign-ins for this email are refused for a while after repeated failures; try again later"
                        : "sign-ins from your network address are refused for a while after repeated failures;"
                                + " try again later");
    }

    static long retryAfterSeconds(SignInThrottledException throttled) {
        long millis = Duration.between(Instant.now(), throttled.until()).toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, ApiTokens tokens) throws Exception {
        AuthenticationEntryPoint unauthorized = (request, response, e) -> {
            if (e instanceof SignInThrottledException throttled) {
                tooManySignIns(request, response, throttled);
                return;
            }
            // Bearer only: a browser meeting a Basic challenge prompts for a password and then sends it with every
            // request to this site, also those another site's page makes. Clients that send Basic unasked still work.
            if (e instanceof InvalidApiTokenException) {
                response.setHeader("WWW-Authenticate", BEARER_CHALLENGE + ", error=\"invalid_token\"");
                Problems.write(request, response, HttpStatus.UNAUTHORIZED, "Invalid API token",
                        "the bearer token is malformed, unknown, expired or revoked");
                return;
            }
            response.setHeader("WWW-Authenticate", BEARER_CHALLENGE);
            Problems.write(request, response, HttpStatus.UNAUTHORIZED, "Not signed in",
                    "sign in with an API token (Authorization: Bearer mf_...) or HTTP Basic (your email and password)"
                            + " to use this route");
        };
        AccessDeniedHandler forbidden = (request, response, e) -> Problems.write(request, response,
                HttpStatus.FORBIDDEN, "Not permitted", "you may not do this");
        securityHeaders(http);
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/api/webhooks/**").permitAll()
                        .anyRequest().authenticated())
                .addFilterBefore(new ApiTokenAuthenticationFilter(tokens, unauthorized),
                        BasicAuthenticationFilter.class)
                .httpBasic(basic -> basic.authenticationEntryPoint(unauthorized))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .exceptionHandling(errors -> errors.authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden));
        return http.build();
    }

    /**
     * Requests the firewall rejects (a ";" or an encoded "/" in the URL, a control character in a header): under
     * {@code /api/} a 400 problem detail like every other bad request, elsewhere the default empty 400.
     */
    @Bean
    RequestRejectedHandler requestRejectedHandler() {
        RequestRejectedHandler fallback = new HttpStatusRequestRejectedHandler();
        return (request, response, e) -> {
            if (!request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
                fallback.handle(request, response, e);
                return;
            }
            String message = "contains characters that are not allowed in a URL or header";
            Problems.write(request, response, HttpStatus.BAD_REQUEST, "Request rejected", "the request " + message,
                    Map.of("errors", List.of(Map.of("field", "", "message", message))));
        };
    }

    /**
     * The UI sessions in the database (Spring Session), as Spring Security's registry: an ended session ({@link
     * Sessions}) is refused on its next request on any node.
     */
    @Bean
    <S extends Session> SpringSessionBackedSessionRegistry<S> sessionRegistry(
            FindByIndexNameSessionRepository<S> sessionRepository) {
        return new SpringSessionBackedSessionRegistry<>(sessionRepository);
    }

    @Bean
    @Order(2)
    SecurityFilterChain ui(HttpSecurity http, SessionRegistry sessionRegistry) throws Exception {
        securityHeaders(http);
        http.authorizeHttpRequests(auth -> auth
                        .requestMatchers(PUBLIC_UI).permitAll()
                        .anyRequest().authenticated())
                // no limit on sessions per person; the registry lets an ended session be refused on its next request
                .sessionManagement(session -> session.sessionConcurrency(concurrency -> concurrency
                        .maximumSessions(-1).sessionRegistry(sessionRegistry).expiredUrl("/login?ended")))
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/inbox", false).permitAll()
                        .failureHandler(SecurityConfiguration::formLoginFailed))
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"));
        return http.build();
    }

    /**
     * A wrong password or a locked email: back to the login page, saying which. A client address that spent its
     * budget: 429 with Retry-After, for a browser the login page saying so (forwarded to as a GET, so that the
     * login controller renders it), for any other client the problem detail the API answers.
     */
    static void formLoginFailed(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException, ServletException {
        if (!(e instanceof SignInThrottledException throttled)) {
            response.sendRedirect(request.getContextPath() + "/login?error");
        } else if (throttled.scope() == SignInThrottledException.Scope.EMAIL) {
            response.sendRedirect(request.getContextPath() + "/login?locked");
        } else if (acceptsHtml(request)) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds(throttled)));
            request.setAttribute(LoginController.ADDRESS_THROTTLED, Boolean.TRUE);
            request.getRequestDispatcher("/login").forward(new HttpServletRequestWrapper(request) {
                @Override
                public String getMethod() {
                    return "GET";
                }
            }, response);
        } else {
            tooManySignIns(request, response, throttled);
        }
    }

    private static boolean acceptsHtml(HttpServletRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return accept != null && accept.contains(MediaType.TEXT_HTML_VALUE);
    }
}
