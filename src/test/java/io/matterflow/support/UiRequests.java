package io.matterflow.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;

import io.matterflow.directory.UserAccount;

/** The UI's requests as a signed-in person sends them: pages, and htmx posts with their CSRF token and header. */
public record UiRequests(MockMvc mvc, UserDetailsService users) {

    public MockHttpServletResponse page(AbstractMockHttpServletRequestBuilder<?> request, UserAccount who)
            throws Exception {
        return mvc.perform(as(request, who)).andReturn().getResponse();
    }

    public MockHttpServletResponse htmx(AbstractMockHttpServletRequestBuilder<?> request, UserAccount who)
            throws Exception {
        return mvc.perform(as(request, who).with(csrf()).header("HX-Request", "true")).andReturn().getResponse();
    }

    /** The answer's body, which must have come with 200. */
    public static String ok(MockHttpServletResponse response) throws Exception {
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
        return response.getContentAsString();
    }

    private AbstractMockHttpServletRequestBuilder<?> as(AbstractMockHttpServletRequestBuilder<?> request,
                                                        UserAccount who) {
        return request.with(user(users.loadUserByUsername(who.email())));
    }
}
