package io.matterflow.reminder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;

import io.matterflow.directory.Directory;
import io.matterflow.directory.UserAccount;
import io.matterflow.support.H2Test;
import io.matterflow.support.TestFirm;

/** The Account page's calendar feed section: the address shown once when made, ended when revoked. */
@H2Test
@AutoConfigureMockMvc
class CalendarFeedPageTests {

    private static final Pattern ADDRESS = Pattern.compile("http://localhost:8080(/calendar/[A-Za-z0-9_-]{43}\\.ics)");

    @Autowired
    MockMvc mvc;
    @Autowired
    Directory directory;
    @Autowired
    UserDetailsService users;

    @Test
    void shouldShowANewAddressOnceAndEndItWhenRevoked() throws Exception {
        UserAccount client = TestFirm.create(directory).client();
        assertThat(page(client)).contains("Make a feed").doesNotContain("Revoke");

        String made = htmx(post("/account/calendar-feed"), client).getContentAsString();
        Matcher address = ADDRESS.matcher(made);
        assertThat(address.find()).isTrue();
        assertThat(made).contains("shown only now").contains("data-copy=\"#calendar-feed-url\"").contains("Revoke");
        assertThat(mvc.perform(get(address.group(1))).andReturn().getResponse().getStatus()).isEqualTo(200);

        String later = page(client);
        assertThat(later).contains("Active since").contains("Make a new address").doesNotContain(address.group(1));

        String revoked = htmx(post("/account/calendar-feed/revoke"), client).getContentAsString();
        assertThat(revoked).contains("Make a feed").doesNotContain("Active since");
        assertThat(mvc.perform(get(address.group(1))).andReturn().getResponse().getStatus()).isEqualTo(404);
    }

    @Test
    void shouldShowTheAddressAfterAFormPostWithoutHtmx() throws Exception {
        UserAccount lawyer = TestFirm.create(directory).associate();
        var response = mvc.perform(as(post("/account/calendar-feed"), lawyer).with(csrf())).andReturn();
        assertThat(response.getResponse().getRedirectedUrl()).isEqualTo("/account");
        assertThat((String) response.getFlashMap().get("calendarFeedUrl")).matches(ADDRESS.pattern());
    }

    private String page(UserAccount who) throws Exception {
        return mvc.perform(as(get("/account"), who)).andReturn().getResponse().getContentAsString();
    }

    private MockHttpServletResponse htmx(AbstractMockHttpServletRequestBuilder<?> request, UserAccount who)
            throws Exception {
        return mvc.perform(as(request, who).with(csrf()).header("HX-Request", "true")).andReturn().getResponse();
    }

    private AbstractMockHttpServletRequestBuilder<?> as(AbstractMockHttpServletRequestBuilder<?> request,
                                                        UserAccount who) {
        return request.with(user(users.loadUserByUsername(who.email())));
    }
}
