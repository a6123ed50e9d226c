package dev.roster.testinfra;

import java.util.Set;

import io.smallrye.jwt.build.Jwt;

/**
 * Signs access tokens with the key of the in-process OIDC server ({@code OidcWiremockTestResource}), so
 * the real quarkus-oidc code verifies them: signature, issuer, expiry and roles.
 */
public final class TestTokens {

    public static final String ISSUER = "https://server.example.com";

    private TestTokens() {
    }

    /** A token for {@code subject} in {@code tenant} that grants the given permissions (roles). */
    public static String token(String subject, String tenant, String... permissions) {
        var claims = Jwt.preferredUserName(subject)
                .subject(subject)
                .issuer(ISSUER)
                .audience("https://service.example.com")
                .groups(Set.of(permissions));
        if (tenant != null) {
            claims.claim("tenant_id", tenant);
        }
        return claims.jws().keyId("1").sign("privateKey.jwk");
    }
}
