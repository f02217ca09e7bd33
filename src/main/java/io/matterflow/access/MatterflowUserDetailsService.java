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

    @Override
    public UserDetails loadUserByUsername(String email) {
        var account = directory.findUserByEmail(email)
                .orElseThrow(() -> new UsernameNotFoundException("no such user"));
        String hash = directory.passwordHash(account.id()).orElseThrow(() -> new UsernameNotFoundException("no such user"));
        return new MatterflowPrincipal(account, hash);
    }
}
