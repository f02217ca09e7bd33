package io.matterflow.support;

import java.util.List;
import java.util.UUID;

import io.matterflow.directory.Actor;
import io.matterflow.directory.Directory;
import io.matterflow.directory.MatterDetails;
import io.matterflow.directory.Role;
import io.matterflow.directory.UserAccount;

/**
 * A fresh organization per test: an admin, the matter's owner, an associate lawyer on the matter, a lawyer who is
 * not on it, a paralegal on it, the matter's client, and one matter. Unique names keep tests independent on a
 * shared database.
 */
public record TestFirm(UUID orgId, UserAccount admin, UserAccount owner, UserAccount associate, UserAccount outsider,
                       UserAccount paralegal, UserAccount client, MatterDetails matter) {

    public static TestFirm create(Directory directory) {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        UUID org = directory.createOrganization("Firm " + tag);
        var admin = directory.createUser(org, "admin-" + tag + "@firm.test", "Admin " + tag, Role.ADMIN, "pw");
        var owner = directory.createUser(org, "owner-" + tag + "@firm.test", "Owner " + tag, Role.LAWYER, "pw");
        var associate = directory.createUser(org, "associate-" + tag + "@firm.test", "Associate " + tag, Role.LAWYER, "pw");
        var outsider = directory.createUser(org, "outsider-" + tag + "@firm.test", "Outsider " + tag, Role.LAWYER, "pw");
        var paralegal = directory.createUser(org, "paralegal-" + tag + "@firm.test", "Paralegal " + tag, Role.PARALEGAL, "pw");
        var client = directory.createUser(org, "client-" + tag + "@firm.test", "Client " + tag, Role.CLIENT, "pw");
        var matter = directory.createMatter(org, "M-" + tag, "Matter " + tag, owner.id(), client.id());
        matter = directory.setMembers(org, matter.id(), List.of(
                new MatterDetails.Member(associate.id(), Role.LAWYER),
                new MatterDetails.Member(paralegal.id(), Role.PARALEGAL)));
        return new TestFirm(org, admin, owner, associate, outsider, paralegal, client, matter);
    }

    public Actor as(UserAccount user) {
        return Actor.user(user);
    }

    public Actor provider() {
        return Actor.provider(orgId, "mock");
    }
}
