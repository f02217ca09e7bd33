package io.matterflow.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.matterflow.support.Workflows.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;

import io.matterflow.action.ActionType;
import io.matterflow.action.RoleScope;
import io.matterflow.audit.AuditEvent;
import io.matterflow.audit.AuditLog;
import io.matterflow.directory.Directory;
import io.matterflow.directory.MatterDetails;
import io.matterflow.directory.Role;
import io.matterflow.instance.Instances;
import io.matterflow.instance.StepRuntime;
import io.matterflow.support.Browser;
import io.matterflow.support.BrowserTests;
import io.matterflow.support.TestFirm;
import io.matterflow.support.Workflows;
import io.matterflow.template.Templates;
import jakarta.mail.internet.MimeMessage;

/**
 * A new client, end to end in Chromium with a real SMTP server (GreenMail): an admin invites the client from the
 * People page, the invitation email arrives, the client chooses a password from its link, signs in and sees on the
 * matter only the client's own step, none of the firm's work or comments; the client uploads a passport, and the
 * lawyer opens it from the run view (the read is audited).
 */
@TestPropertySource(properties = {
        "spring.mail.host=127.0.0.1",
        "matterflow.notifications.sender-enabled=true",
        "matterflow.notifications.poll-interval=100ms"})
class ClientOnboardingBrowserTests extends BrowserTests {

    static final int SMTP_PORT = freePort();
    static final String COMMENT = "No conflict with Widget Co.";
    static final byte[] PASSPORT = "%PDF-1.4 passport of the new client".getBytes(StandardCharsets.US_ASCII);

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(
            new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)).withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.port", () -> SMTP_PORT);
    }

    @Autowired
    Directory directory;
    @Autowired
    Templates templates;
    @Autowired
    Instances instances;
    @Autowired
    StepRuntime runtime;
    @Autowired
    AuditLog audit;

    @Test
    void shouldInviteAClientWhoSeesOnlyTheirStepAndWhoseUploadTheLawyerOpens() throws Exception {
        TestFirm firm = TestFirm.create(directory);
        String email = "new-client-" + UUID.randomUUID().toString().substring(0, 8) + "@firm.test";

        // the admin invites the client from the People page
        Page admin = signIn(firm.admin());
        admin.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("People")).click();
        Page.GetByLabelOptions exact = new Page.GetByLabelOptions().setExact(true);
        admin.getByLabel("Email", exact).fill(email);
        admin.getByLabel("Name", exact).fill("Carla Newclient");
        admin.getByLabel("Role", exact).selectOption("CLIENT");
        admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send invitation")).click();
        assertThat(admin.locator("#flash")).containsText("Invited Carla Newclient");

        // the invitation arrives by email, with its one-time link
        await().atMost(Duration.ofSeconds(30)).until(() -> invitationTo(email) != null);
        String link = invitationTo(email);

        // the client is on the matter; the firm's conflict check is done, with an internal comment
        var newClient = directory.findUserByEmail(email).orElseThrow();
        List<MatterDetails.Member> members = new ArrayList<>(firm.matter().members());
        members.add(new MatterDetails.Member(newClient.id(), Role.CLIENT));
        directory.setMembers(firm.orgId(), firm.matter().id(), members);
        var instance = new Workflows(templates, instances).instance(firm,
                step("Conflict check", ActionType.APPROVAL_LAWYER, RoleScope.LAWYER, true),
                step("Passport", ActionType.REQUEST_DOC_CLIENT, RoleScope.CLIENT, true,
                        Map.of("requestText", "Your passport, please")));
        UUID check = instance.steps().get(0).id();
        runtime.start(firm.as(firm.owner()), check);
        runtime.complete(firm.as(firm.owner()), check, Map.of("approved", true, "comment", COMMENT));
        String run = "/matters/" + firm.matter().id() + "/workflows/" + instance.id();

        // the client chooses a password from the link and signs in
        Page client = browser().anonymous();
        client.navigate(link);
        client.getByLabel("Password", exact).fill("Copper-Meadow-Lantern-2026");
        client.getByLabel("Repeat the password").fill("Copper-Meadow-Lantern-2026");
        client.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Set password")).click();
        assertThat(client.locator(".flash.success")).containsText("Your password is set");
        client.getByLabel("Email").fill(email);
        client.getByLabel("Password").fill("Copper-Meadow-Lantern-2026");
        client.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        assertThat(client.locator("header.topbar")).containsText("Carla Newclient");

        // on the matter the client sees its own step only, and nothing of the firm's work
        client.navigate(run);
        assertThat(client.locator("#step-" + instance.steps().get(1).id())).containsText("Passport");
        assertThat(client.locator("#step-" + check)).hasCount(0);
        assertThat(client.locator("body")).not().containsText("Widget Co");
        assertThat(client.locator("body")).not().containsText("Conflict check");
        Browser.screenshot(client, "client-run-view");

        // the client uploads the passport
        UUID passportStep = instance.steps().get(1).id();
        client.locator("#file-" + passportStep).setInputFiles(new FilePayload("passport.pdf", "application/pdf",
                PASSPORT));
        client.locator("#step-" + passportStep).getByRole(AriaRole.BUTTON,
                new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Upload")).click();
        assertThat(client.locator("#flash")).containsText("Uploaded passport.pdf");

        // the lawyer opens it from the run view
        Page lawyer = signIn(firm.owner());
        lawyer.navigate(run);
        String href = lawyer.locator("#step-" + passportStep).getByRole(AriaRole.LINK,
                new com.microsoft.playwright.Locator.GetByRoleOptions().setName("passport.pdf")).getAttribute("href");
        var response = lawyer.request().get(href);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers()).containsEntry("content-type", "application/pdf")
                .containsEntry("x-content-type-options", "nosniff");
        assertThat(response.body()).isEqualTo(PASSPORT);
        assertThat(audit.history(firm.orgId(), passportStep)).extracting(AuditEvent::action)
                .contains("step.document-upload", "step.document-read");
    }

    /** The set-password path of the newest invitation email to the address, or null while none has arrived. */
    private static String invitationTo(String email) throws Exception {
        for (MimeMessage message : smtp.getReceivedMessages()) {
            if (message.getAllRecipients()[0].toString().contains(email)) {
                String body = GreenMailUtil.getBody(message).replace("=\r\n", "").replace("=3D", "=");
                Matcher link = Pattern.compile("/password/set\\?token=[A-Za-z0-9_-]{43}").matcher(body);
                if (link.find()) {
                    return link.group();
                }
            }
        }
        return null;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
