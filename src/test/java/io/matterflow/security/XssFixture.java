package io.matterflow.security;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.matterflow.action.ActionType;
import io.matterflow.action.RoleScope;
import io.matterflow.directory.Actor;
import io.matterflow.directory.Directory;
import io.matterflow.directory.MatterDetails;
import io.matterflow.directory.Role;
import io.matterflow.directory.UserAccount;
import io.matterflow.instance.InstanceDetails;
import io.matterflow.instance.Instances;
import io.matterflow.instance.StepDocuments;
import io.matterflow.instance.StepRuntime;
import io.matterflow.template.StepDefinition;
import io.matterflow.template.Templates;

/**
 * A firm whose every user-supplied field carries both payloads: organization, display names, matter title, template
 * names and descriptions, step titles, config texts (approval message, checklist items, document request text),
 * instance titles, a rejection comment, fail, block and skip reasons, an uploaded file's name; and the notifications
 * the READY steps create. Built through the services.
 */
record XssFixture(UUID orgId, UserAccount admin, UserAccount owner, UserAccount paralegal, UserAccount client,
                  MatterDetails matter, List<UUID> templateIds, List<InstanceDetails> instances) {

    static final String SCRIPT = "<script>alert(1)</script>";
    static final String IMG = "\"><img src=x onerror=alert(1)>";
    static final String X = "x " + SCRIPT + IMG + " '><svg onload=alert(1)>";

    /**
     * Why the HTML is not inert, or null: an element with an onerror or onload attribute, or any event handler calling alert,, or a script
     * element whose content calls alert. A small tokenizer that honours quoted attribute values, so that escaped
     * payload text inside an attribute (where it is harmless) is not mistaken for markup.
     */
    static String activeMarkup(String html) {
        int i = 0;
        int n = html.length();
        while (i < n) {
            int lt = html.indexOf('<', i);
            if (lt < 0 || lt + 1 >= n) {
                return null;
            }
            if (html.startsWith("<!--", lt)) {
                int end = html.indexOf("-->", lt);
                i = end < 0 ? n : end + 3;
                continue;
            }
            int p = lt + 1;
            if (!Character.isLetter(html.charAt(p))) {
                i = p;
                continue;
            }
            int nameStart = p;
            while (p < n && !Character.isWhitespace(html.charAt(p)) && html.charAt(p) != '>' && html.charAt(p) != '/') {
                p++;
            }
            String tag = html.substring(nameStart, p).toLowerCase(java.util.Locale.ROOT);
            while (p < n && html.charAt(p) != '>') {
                char c = html.charAt(p);
                if (Character.isWhitespace(c) || c == '/') {
                    p++;
                    continue;
                }
                int attrStart = p;
                while (p < n && !Character.isWhitespace(html.charAt(p)) && "=>/".indexOf(html.charAt(p)) < 0) {
                    p++;
                }
                String attr = html.substring(attrStart, p).toLowerCase(java.util.Locale.ROOT);
                int valueStart = p;
                while (p < n && Character.isWhitespace(html.charAt(p))) {
                    p++;
                }
                if (p < n && html.charAt(p) == '=') {
                    p++;
                    while (p < n && Character.isWhitespace(html.charAt(p))) {
                        p++;
                    }
                    valueStart = p;
                    if (p < n && (html.charAt(p) == '"' || html.charAt(p) == '\'')) {
                        int close = html.indexOf(html.charAt(p), p + 1);
                        p = close < 0 ? n : close + 1;
                    } else {
                        while (p < n && !Character.isWhitespace(html.charAt(p)) && html.charAt(p) != '>') {
                            p++;
                        }
                    }
                }
                String value = html.substring(valueStart, p);
                if (attr.equals("onerror") || attr.equals("onload") || attr.startsWith("on") && value.contains("alert")) {
                    return "<" + tag + " " + attr + "=" + value + "> at " + attrStart;
                }
            }
            i = p + 1;
            if (tag.equals("script")) {
                int end = html.toLowerCase(java.util.Locale.ROOT).indexOf("</script", i);
                String content = html.substring(Math.min(i, n), end < 0 ? n : end);
                if (content.contains("alert(")) {
                    return "<script> calling alert at " + lt;
                }
                i = end < 0 ? n : end;
            }
        }
        return null;
    }

    static XssFixture create(Directory directory, Templates templates, Instances instances, StepRuntime runtime,
                             StepDocuments documents) {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        UUID org = directory.createOrganization("Firm " + tag + " " + X);
        UserAccount admin = directory.createUser(org, "xadmin-" + tag + "@firm.test", "Admin " + X, Role.ADMIN, "pw");
        UserAccount owner = directory.createUser(org, "xowner-" + tag + "@firm.test", "Owner " + X, Role.LAWYER, "pw");
        UserAccount paralegal = directory.createUser(org, "xparalegal-" + tag + "@firm.test", "Paralegal " + X,
                Role.PARALEGAL, "pw");
        UserAccount client = directory.createUser(org, "xclient-" + tag + "@firm.test", "Client " + X, Role.CLIENT,
                "pw");
        MatterDetails matter = directory.createMatter(org, "X-" + tag, "Matter " + X, owner.id(), client.id());
        matter = directory.setMembers(org, matter.id(), List.of(new MatterDetails.Member(paralegal.id(),
                Role.PARALEGAL)));
        Actor o = Actor.user(owner);
        List<UUID> templateIds = new ArrayList<>();
        List<InstanceDetails> runs = new ArrayList<>();

        // one single-step instance per kind of field, so that every step starts READY
        InstanceDetails rejected = run(templates, instances, o, matter, templateIds, runs, new StepDefinition(
                "Approve " + X, ActionType.APPROVAL_LAWYER, RoleScope.LAWYER, true, Map.of("message", "Msg " + X)));
        runtime.start(o, rejected.steps().get(0).id());
        runtime.complete(o, rejected.steps().get(0).id(), Map.of("approved", false, "comment", "Comment " + X));

        run(templates, instances, o, matter, templateIds, runs, new StepDefinition("Check " + X,
                ActionType.CHECKLIST, RoleScope.PARALEGAL, true, Map.of("items", List.of("Item " + X, "Second"))));

        InstanceDetails docs = run(templates, instances, o, matter, templateIds, runs, new StepDefinition(
                "Docs " + X, ActionType.REQUEST_DOC_CLIENT, RoleScope.CLIENT, true,
                Map.of("requestText", "Request " + X)));
        documents.upload(Actor.user(client), docs.steps().get(0).id(), "scan " + IMG + ".pdf", "application/pdf",
                "%PDF-1.4 scan".getBytes(StandardCharsets.US_ASCII));

        InstanceDetails blocked = run(templates, instances, o, matter, templateIds, runs, new StepDefinition(
                "Block " + X, ActionType.APPROVAL_LAWYER, RoleScope.LAWYER, true, Map.of()));
        runtime.start(o, blocked.steps().get(0).id());
        runtime.block(o, blocked.steps().get(0).id(), "Blocked " + X);

        InstanceDetails failed = run(templates, instances, o, matter, templateIds, runs, new StepDefinition(
                "Fail " + X, ActionType.APPROVAL_LAWYER, RoleScope.LAWYER, true, Map.of()));
        runtime.start(o, failed.steps().get(0).id());
        runtime.fail(o, failed.steps().get(0).id(), "Failed " + X);

        InstanceDetails skipped = run(templates, instances, o, matter, templateIds, runs, new StepDefinition(
                "Skip " + X, ActionType.CHECKLIST, RoleScope.LAWYER, false, Map.of()));
        runtime.skip(Actor.user(admin), skipped.steps().get(0).id(), "Skipped " + X);

        // a draft template with several rows for the builder
        templateIds.add(templates.create(o, "Draft " + X, "Description " + X, List.of(
                new StepDefinition("Row " + X, ActionType.CHECKLIST, RoleScope.PARALEGAL, true,
                        Map.of("items", List.of("Item " + X))),
                new StepDefinition("Row2 " + X, ActionType.REQUEST_DOC_CLIENT, RoleScope.CLIENT, true,
                        Map.of("requestText", "Request " + X)))).id());
        return new XssFixture(org, admin, owner, paralegal, client, matter, templateIds, runs);
    }

    private static InstanceDetails run(Templates templates, Instances instances, Actor owner, MatterDetails matter,
                                       List<UUID> templateIds, List<InstanceDetails> runs, StepDefinition step) {
        UUID template = templates.create(owner, "Template " + UUID.randomUUID() + " " + X, "Description " + X,
                List.of(step)).id();
        templates.publish(owner, template);
        templateIds.add(template);
        InstanceDetails instance = instances.instantiate(owner,
                new Instances.Instantiate(template, matter.id(), "Run " + X, true, null));
        runs.add(instance);
        return instance;
    }

    /** Every UI page that shows the firm's data, by path. */
    List<String> pages() {
        List<String> pages = new ArrayList<>(List.of("/inbox", "/matters", "/matters/" + matter.id(),
                "/matters/" + matter.id() + "/team", "/matters/" + matter.id() + "/details",
                "/workflows/templates", "/notifications", "/people", "/account"));
        instances.forEach(i -> pages.add("/matters/" + matter.id() + "/workflows/" + i.id()));
        templateIds.forEach(t -> pages.add("/workflows/templates/" + t));
        return pages;
    }
}
