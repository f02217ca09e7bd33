package io.matterflow.access;

import java.util.List;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.firewall.HttpStatusRequestRejectedHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;

import io.matterflow.common.Problems;

/**
 * Three filter chains. {@code /actuator/**}: health and the Prometheus scrape are public, the other endpoints need
 * an ADMIN (HTTP Basic, or the UI's session). {@code /api/**}: a personal API token ({@code Authorization: Bearer
 * mf_...}, see {@link ApiTokens}) or HTTP Basic, stateless (a session cookie never authenticates an API call, so CSRF
 * cannot apply and is off), errors as problem details. Its 401s challenge with Bearer only, never Basic, so that no
 * browser caches Basic credentials a page on another site could then use; form and text bodies are refused before
 * this chain ({@code CrossSiteContentTypeFilter}). Everything else (the UI): form login with a session and CSRF
 * protection. API tokens are accepted by the API chain only. Password sign-ins on every chain go through
 * {@link ThrottlingAuthenticationProvider} (repeated failures lock the email for a while: 429 on the API, the login
 * page says so in the UI); signing in changes the session id (Spring Security's default, against fixation).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String BEARER_CHALLENGE = "Bearer realm=\"Matterflow\"";

    static final String[] PUBLIC_UI = {"/login", "/error", "/css/**", "/js/**", "/img/**", "/webjars/**",
            "/favicon.ico", "/v3/api-docs",
            "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui.html", "/swagger-ui/**"};

    @Bean
    @Order(0)
    SecurityFilterChain actuator(HttpSecurity http) throws Exception {
        http.securityMatcher("/actuator/**")
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus").permitAll()
                        .anyRequest().hasRole("ADMIN"))
                .httpBasic(basic -> basic.realmName("Matterflow"));
        return http.build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, ApiTokens tokens) throws Exception {
        AuthenticationEntryPoint unauthorized = (request, response, e) -> {
            if (e instanceof SignInThrottledException throttled) {
                long seconds = Math.max(1, java.time.Duration.between(java.time.Instant.now(), throttled.until())
                        .toSeconds());
                response.setHeader("Retry-After", Long.toString(seconds));
                Problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS, "Too many failed sign-ins",
                        "sign-ins for this email are refused for a while after repeated failures; try again later");
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

    @Bean
    @Order(2)
    SecurityFilterChain ui(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(auth -> auth
                        .requestMatchers(PUBLIC_UI).permitAll()
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/inbox", false).permitAll()
                        .failureHandler((request, response, e) -> response.sendRedirect(request.getContextPath()
                                + (e instanceof SignInThrottledException ? "/login?locked" : "/login?error"))))
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"));
        return http.build();
    }
}
