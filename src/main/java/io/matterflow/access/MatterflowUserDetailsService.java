package io.matterflow.access;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

import io.matterflow.directory.Directory;

/** Users sign in with their email and password (BCrypt). */
@Service
class MatterflowUserDetailsService implements UserDetailsService {

    private final Directory directory;

    MatterflowUserDetailsService(Directory directory) {
        this.directory = directory;
    }

    /** Any spelling with the same canonical form as the stored email ({@code Emails.canonical}) finds the user. */
    @Override
    public UserDetails loadUserByUsername(String email) {
        var credentials = directory.findCredentials(email)
                .orElseThrow(() -> new UsernameNotFoundException("no such user"));
        return new MatterflowPrincipal(credentials.account(), credentials.passwordHash());
    }
}
