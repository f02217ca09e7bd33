package io.matterflow.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import io.matterflow.directory.Directory;
import io.matterflow.support.Browser;
import io.matterflow.support.BrowserTests;
import io.matterflow.support.TestFirm;

/**
 * People administration in a real browser: an admin opens People from the navigation, invites someone with the
 * form (htmx, CSRF token), deactivates a paralegal after confirming; the invitee opens the link, chooses a password
 * and signs in; the Account page changes a password. Screenshots go to target/screenshots.
 */
class PeopleBrowserTests extends BrowserTests {

    @Autowired
    Directory directory;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void shouldInviteDeactivateAndLetTheInviteeChooseAPassword() {
        TestFirm firm = TestFirm.create(directory);
        Page admin = signIn(firm.admin());
        admin.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("People")).click();
        assertThat(admin.locator("h1")).hasText("People");

        String email = "nina-" + UUID.randomUUID().toString().substring(0, 8) + "@firm.test";
        Page.GetByLabelOptions exact = new Page.GetByLabelOptions().setExact(true);
        admin.getByLabel("Email", exact).fill(email);
        admin.getByLabel("Name", exact).fill("Nina Newcomer");
        admin.getByLabel("Role", exact).selectOption("PARALEGAL");
        admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send invitation")).click();
        assertThat(admin.locator("#flash")).containsText("Invited Nina Newcomer");
        assertThat(admin.locator("#people-table")).containsText(email);

        admin.onDialog(dialog -> dialog.accept());
        admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions()
                .setName("Deactivate " + firm.paralegal().displayName())).click();
        assertThat(admin.locator("#flash")).containsText("Deactivated " + firm.paralegal().displayName());
        assertThat(admin.locator("#person-" + firm.paralegal().id())).containsText("Deactivated");
        Browser.screenshot(admin, "people");

        // the invitee follows the link from the (unsent, in tests) email
        String body = jdbc.queryForObject("select body from email_outbox where email = ? and kind ="
                + " 'ACCOUNT_INVITATION'", String.class, email);
        Matcher link = Pattern.compile("/password/set\\?token=[A-Za-z0-9_-]{43}").matcher(body);
        assertThat(link.find()).isTrue();
        Page invitee = browser().anonymous();
        invitee.navigate(link.group());
        assertThat(invitee.locator("h1")).hasText("Welcome, choose your password");
        Browser.screenshot(invitee, "set-password");
        invitee.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill("Tall-Orchid-Window-2026");
        invitee.getByLabel("Repeat the password").fill("Tall-Orchid-Window-2026");
        invitee.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Set password")).click();
        assertThat(invitee.locator(".flash.success")).containsText("Your password is set");
        invitee.getByLabel("Email").fill(email);
        invitee.getByLabel("Password").fill("Tall-Orchid-Window-2026");
        invitee.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        assertThat(invitee.locator("header.topbar")).containsText("Nina Newcomer");

        // the Account page, reached from the name in the top bar
        invitee.getByTitle("Your account").click();
        invitee.getByLabel("Current password").fill("Tall-Orchid-Window-2026");
        invitee.getByLabel("New password", new Page.GetByLabelOptions().setExact(true)).fill("Quiet-Harbour-Lantern-88");
        invitee.getByLabel("Repeat the new password").fill("Quiet-Harbour-Lantern-88");
        invitee.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Change password")).click();
        assertThat(invitee.locator("#flash")).containsText("Your password is changed");
        Browser.screenshot(invitee, "account");
    }
}
