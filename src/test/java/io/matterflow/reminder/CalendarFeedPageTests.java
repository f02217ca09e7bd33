package io.matterflow.reminder;

import static io.matterflow.support.UiRequests.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

import io.matterflow.directory.Directory;
import io.matterflow.directory.UserAccount;
import io.matterflow.support.H2Test;
import io.matterflow.support.TestFirm;
import io.matterflow.support.UiRequests;

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

    UiRequests ui;

    @BeforeEach
    void requests() {
        ui = new UiRequests(mvc, users);
    }

    @Test
    void shouldShowANewAddressOnceAndEndItWhenRevoked() throws Exception {
        UserAccount client = TestFirm.create(directory).client();
        assertThat(ok(ui.page(get("/account"), client))).contains("Make a feed").doesNotContain("Revoke");

        String made = ok(ui.htmx(post("/account/calendar-feed"), client));
        Matcher address = ADDRESS.matcher(made);
        assertThat(address.find()).isTrue();
        assertThat(made).contains("shown only now").contains("data-copy=\"#calendar-feed-url\"").contains("Revoke");
        assertThat(mvc.perform(get(address.group(1))).andReturn().getResponse().getStatus()).isEqualTo(200);

        assertThat(ok(ui.page(get("/account"), client))).contains("Active since").contains("Make a new address")
                .doesNotContain(address.group(1));

        String revoked = ok(ui.htmx(post("/account/calendar-feed/revoke"), client));
        assertThat(revoked).contains("Make a feed").doesNotContain("Active since");
        assertThat(mvc.perform(get(address.group(1))).andReturn().getResponse().getStatus()).isEqualTo(404);
    }

    @Test
    void shouldShowTheAddressAfterAFormPostWithoutHtmx() throws Exception {
        UserAccount lawyer = TestFirm.create(directory).associate();
        var response = mvc.perform(post("/account/calendar-feed").with(csrf())
                .with(user(users.loadUserByUsername(lawyer.email())))).andReturn();
        assertThat(response.getResponse().getRedirectedUrl()).isEqualTo("/account");
        assertThat((String) response.getFlashMap().get("calendarFeedUrl")).matches(ADDRESS.pattern());
    }
}
