package dev.roster.commons.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;

import dev.roster.commons.problem.ProblemException;

/**
 * Who is calling: the tenant the token names, the subject, and the permissions it grants. Every query a
 * resource makes is scoped to {@link #tenantId()}.
 */
@RequestScoped
public class Caller {

    @Inject
    JsonWebToken token;

    @Inject
    SecurityIdentity identity;

    @ConfigProperty(name = "roster.security.tenant-claim", defaultValue = "tenant_id")
    String tenantClaim;

    /** The caller's tenant; a token without one is refused, since nothing could be scoped to it. */
    public String tenantId() {
        Object tenant = token.getClaim(tenantClaim);
        String value = tenant == null ? null : tenant.toString().replace("\"", "");
        if (value == null || value.isBlank()) {
            throw ProblemException.forbidden("the token names no tenant (claim '" + tenantClaim + "')");
        }
        return value;
    }

    /** The token's subject: who created or changed something. */
    public String subject() {
        String subject = token.getSubject();
        return subject != null ? subject : identity.getPrincipal().getName();
    }

    /** How the caller is named to people (an inviter in a message): the token's name, else user name, else subject. */
    public String displayName() {
        for (String claim : new String[]{"name", "preferred_username"}) {
            Object value = token.getClaim(claim);
            if (value != null && !value.toString().isBlank()) {
                return value.toString();
            }
        }
        return subject();
    }

    public boolean has(String permission) {
        return identity.hasRole(permission);
    }

    public boolean isParentAdmin() {
        return identity.hasRole(Permissions.PARENT_ADMIN);
    }
}
