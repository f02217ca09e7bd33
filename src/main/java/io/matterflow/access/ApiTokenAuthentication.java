package io.matterflow.access;

import java.util.UUID;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * A request signed in with a personal API token. The principal is the same {@link MatterflowPrincipal} HTTP Basic
 * produces, so controllers and permission checks cannot tell the two apart; {@link #tokenId()} says which token.
 */
public final class ApiTokenAuthentication extends AbstractAuthenticationToken {

    private final MatterflowPrincipal principal;
    private final UUID tokenId;

    ApiTokenAuthentication(MatterflowPrincipal principal, UUID tokenId) {
        super(principal.getAuthorities());
        this.principal = principal;
        this.tokenId = tokenId;
        setAuthenticated(true);
    }

    public UUID tokenId() {
        return tokenId;
    }

    @Override
    public MatterflowPrincipal getPrincipal() {
        return principal;
    }

    /** The token itself is never kept after the lookup. */
    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ApiTokenAuthentication that && super.equals(that) && tokenId.equals(that.tokenId);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + tokenId.hashCode();
    }
}
