package org.metricagateway.sandbox;

import java.util.Locale;
import java.util.Set;

/**
 * Metrica's access checks, in its order: the {@code Authorization: OAuth <token>} header (401 unauthorized when
 * missing or malformed), the token (403 invalid_token when unknown or expired), then the token's scope and the
 * login's rights on the counter (403 access_denied).
 */
final class Authenticator {
    private static final String SCHEME = "oauth";
    private static final Set<Scope> WRITE_SCOPES = Set.of(Scope.OFFLINE_DATA, Scope.WRITE);

    private final SandboxSeed seed;
    private final SandboxSwitches switches;

    Authenticator(SandboxSeed seed, SandboxSwitches switches) {
        this.seed = seed;
        this.switches = switches;
    }

    /** The grant behind the header's token. The header is never stored or logged here. */
    TokenGrant authenticate(String authorization) {
        String token = tokenOf(authorization);
        TokenGrant grant = seed.grant(token).orElseThrow(MetricaError::invalidToken);
        if (grant.expired()) {
            throw MetricaError.invalidToken();
        }
        return grant;
    }

    void authorize(TokenGrant grant, long counterId, Endpoint.Access access) {
        if (!hasScope(grant.scopes(), access)) {
            throw MetricaError.accessDenied();
        }
        SandboxCounter counter = seed.find(counterId).orElseThrow(() -> switches.unknownCounterNotFound()
                ? MetricaError.notFound(counterId) : MetricaError.accessDenied());
        if (!counter.allows(grant.login())) {
            throw MetricaError.accessDenied();
        }
    }

    /** The token of a well-formed header; the scheme is case-insensitive, as HTTP authentication schemes are. */
    static String tokenOf(String authorization) {
        if (authorization == null) {
            throw MetricaError.unauthorized();
        }
        String value = authorization.strip();
        int space = value.indexOf(' ');
        if (space < 0 || !value.substring(0, space).toLowerCase(Locale.ROOT).equals(SCHEME)) {
            throw MetricaError.unauthorized();
        }
        String token = value.substring(space + 1).strip();
        if (token.isEmpty()) {
            throw MetricaError.unauthorized();
        }
        return token;
    }

    private boolean hasScope(Set<Scope> scopes, Endpoint.Access access) {
        if (access == Endpoint.Access.WRITE) {
            return scopes.stream().anyMatch(WRITE_SCOPES::contains);
        }
        return switches.readRequiresReadScope() ? scopes.contains(Scope.READ) : !scopes.isEmpty();
    }
}
