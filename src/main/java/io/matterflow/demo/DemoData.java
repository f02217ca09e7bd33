package io.matterflow.demo;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.matterflow.action.ActionType;
import io.matterflow.action.RoleScope;
import io.matterflow.calendar.DueAnchor;
import io.matterflow.calendar.DueRule;
import io.matterflow.calendar.DueUnit;
import io.matterflow.directory.Actor;
import io.matterflow.directory.Directory;
import io.matterflow.directory.MatterDetails;
import io.matterflow.directory.Role;
import io.matterflow.template.StepDefinition;
import io.matterflow.template.Templates;

/**
 * Seeds the demo firm once: when "Demo Law LLP" exists nothing is written, so restarts seed nothing twice.
 */
@Component
@Order(0)
public class DemoData implements ApplicationRunner {

    public static final String ORGANIZATION = "Demo Law LLP";
    public static final String PASSWORD = "demo";
    public static final String ADMIN = "admin@demo.law";
    public static final String LAWYER = "lawyer@demo.law";
    public static final String PARALEGAL = "paralegal@demo.law";
    public static final String CLIENT = "client@demo.law";
    public static final String MATTER_REFERENCE = "2026-001";
    public static final String MATTER_TITLE = "Acme v. Widget Co";
    public static final String TEMPLATE_NAME = "New client intake (demo)";

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final Directory directory;
    private final Templates templates;
    private final TransactionTemplate transactions;
    private final DataSource dataSource;
    private final DemoProperties properties;

    DemoData(Directory directory, Templates templates, TransactionTemplate transactions, DataSource dataSource,
             DemoProperties properties) {
        this.directory = directory;
        this.templates = templates;
        this.transactions = transactions;
        this.dataSource = dataSource;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (shouldSeed()) {
            seed();
        }
    }

    boolean shouldSeed() {
        return switch (properties.seed()) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> isEmbedded();
        };
    }

    /** Seeds the demo firm unless it exists; returns its organization id either way. */
    public UUID seed() {
        return transactions.execute(status -> directory.findOrganizationByName(ORGANIZATION).orElseGet(this::create));
    }

    private UUID create() {
        UUID org = directory.createOrganization(ORGANIZATION);
        String password = properties.password();
        var admin = directory.createUser(org, ADMIN, "Ada Admin", Role.ADMIN, password);
        var lawyer = directory.createUser(org, LAWYER, "Lena Lawyer", Role.LAWYER, password);
        var paralegal = directory.createUser(org, PARALEGAL, "Paul Paralegal", Role.PARALEGAL, password);
        var client = directory.createUser(org, CLIENT, "Clara Client (Acme Corp)", Role.CLIENT, password);
        var matter = directory.createMatter(org, MATTER_REFERENCE, MATTER_TITLE, lawyer.id(), client.id());
        directory.setMembers(org, matter.id(), List.of(
                new MatterDetails.Member(paralegal.id(), Role.PARALEGAL)));
        Actor author = Actor.user(admin);
        var template = templates.create(author, TEMPLATE_NAME,
                "Conflict check, engagement letter, proof of identity, retainer and onboarding for a new client.",
                List.of(
                        new StepDefinition("Conflict check", ActionType.APPROVAL_LAWYER, RoleScope.LAWYER, true,
                                Map.of("approverRole", "LAWYER",
                                        "message", "Confirm there is no conflict of interest with Widget Co."), null,
                                new DueRule(2, DueUnit.BUSINESS_DAYS, DueAnchor.STEP_READY, null, null, null)),
                        new StepDefinition("Sign the engagement letter", ActionType.SIGNATURE_CLIENT, RoleScope.CLIENT,
                                true, Map.of("documentId", "engagement-letter-2026-001"), null,
                                new DueRule(5, DueUnit.BUSINESS_DAYS, DueAnchor.STEP_COMPLETED, 0, null, null)),
                        new StepDefinition("Proof of identity", ActionType.REQUEST_DOC_CLIENT, RoleScope.CLIENT, true,
                                Map.of("requestText", "Please upload a passport or national ID card (PDF or photo).",
                                        "acceptedTypes", List.of("application/pdf", "image/*"))),
                        new StepDefinition("Retainer payment", ActionType.PAYMENT_CLIENT, RoleScope.CLIENT, true,
                                Map.of("amount", new BigDecimal("1500.00"), "currency", "USD"), null,
                                new DueRule(14, DueUnit.CALENDAR_DAYS, DueAnchor.INSTANCE_START, null, null, null)),
                        new StepDefinition("Onboarding checklist", ActionType.CHECKLIST, RoleScope.PARALEGAL, true,
                                Map.of("items", List.of("Open the client file", "Add the client to billing",
                                        "Send the welcome pack")))));
        templates.publish(author, template.id());
        log.info("Seeded demo data: organization '{}', users {}, {}, {}, {} (password '{}')", ORGANIZATION, ADMIN,
                LAWYER, PARALEGAL, CLIENT, password);
        return org;
    }

    private boolean isEmbedded() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName().toLowerCase().contains("h2");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the database product", e);
        }
    }
}
