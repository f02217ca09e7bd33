package io.matterflow.access;

import java.util.Collection;
import java.util.List;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

import io.matterflow.directory.Actor;
import io.matterflow.directory.UserAccount;

/** The signed-in user: their account, authority {@code ROLE_<role>}, and the {@link Actor} they act as. */
public final class MatterflowPrincipal implements UserDetails {

    private final UserAccount account;
    private final String passwordHash;

    MatterflowPrincipal(UserAccount account, String passwordHash) {
        this.account = account;
        this.passwordHash = passwordHash;
    }

    public UserAccount account() {
        return account;
    }

    public Actor actor() {
        return Actor.user(account);
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority("ROLE_" + account.role().name()));
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return account.email();
    }
}
