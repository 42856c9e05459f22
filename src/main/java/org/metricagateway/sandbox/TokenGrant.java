package org.metricagateway.sandbox;

import java.util.Set;

/** What a seeded OAuth token stands for. The token itself is the key it is stored under, never part of this. */
record TokenGrant(String login, boolean expired, Set<Scope> scopes) {
    TokenGrant {
        scopes = Set.copyOf(scopes);
    }
}
