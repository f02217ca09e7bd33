package io.matterflow.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

import io.matterflow.directory.Actor;
import io.matterflow.directory.Directory;
import io.matterflow.directory.Role;
import io.matterflow.support.H2Test;
import io.matterflow.template.Templates;

@H2Test
class DemoDataTests {

    @Autowired
    DemoData demo;
    @Autowired
    Directory directory;
    @Autowired
    Templates templates;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PasswordEncoder passwords;

    @Test
    void shouldSeedTheDemoFirmOnceWhateverTheNumberOfStarts() {
        var first = demo.seed();
        var second = demo.seed();
        assertThat(second).isEqualTo(first);
        assertThat(jdbc.queryForObject("select count(*) from organizations where name = ?", Long.class,
                DemoData.ORGANIZATION)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from users where email like '%@demo.law'", Long.class))
                .isEqualTo(4);
    }

    @Test
    void shouldSeedTheUsersMatterAndPublishedTemplateOfTheSpecification() {
        var org = demo.seed();
        var lawyer = directory.findUserByEmail(DemoData.LAWYER).orElseThrow();
        var client = directory.findUserByEmail(DemoData.CLIENT).orElseThrow();
        assertThat(directory.findUserByEmail(DemoData.ADMIN).orElseThrow().role()).isEqualTo(Role.ADMIN);
        assertThat(directory.findUserByEmail(DemoData.PARALEGAL).orElseThrow().role()).isEqualTo(Role.PARALEGAL);
        assertThat(passwords.matches("demo", directory.passwordHash(lawyer.id()).orElseThrow())).isTrue();
        var matter = directory.findMatterByReference(org, "2026-001").orElseThrow();
        assertThat(matter.title()).isEqualTo("Acme v. Widget Co");
        assertThat(matter.ownerId()).isEqualTo(lawyer.id());
        assertThat(matter.clientId()).isEqualTo(client.id());
        var template = templates.search(Actor.user(lawyer), "New client intake (demo)", PageRequest.of(0, 5))
                .getContent().get(0);
        assertThat(template.version()).isEqualTo(1);
        assertThat(template.steps()).extracting(s -> s.actionType().name()).containsExactly("APPROVAL_LAWYER",
                "SIGNATURE_CLIENT", "REQUEST_DOC_CLIENT", "PAYMENT_CLIENT", "CHECKLIST");
    }
}
