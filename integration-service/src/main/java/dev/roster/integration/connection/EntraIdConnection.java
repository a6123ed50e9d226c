package dev.roster.integration.connection;

import java.util.List;
import java.util.Set;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.roster.integration.domain.SourceType;

/**
 * Microsoft Entra ID through Microsoft Graph: a client-credentials token from
 * {@code {authorityUrl}/{directoryTenantId}/oauth2/v2.0/token}, then {@code {graphUrl}/v1.0/users/delta}.
 * Credentials: {@code clientSecret}.
 */
@Schema(name = "EntraIdConnection", example = """
        {"directoryTenantId": "contoso.onmicrosoft.com", "clientId": "00000000-0000-0000-0000-000000000000",
         "authorityUrl": "https://login.microsoftonline.com", "graphUrl": "https://graph.microsoft.com"}""")
public record EntraIdConnection(
        @Schema(description = "The directory (tenant) id or a verified domain", example = "contoso.onmicrosoft.com") @NotBlank @Size(max = 255) @Pattern(regexp = "[A-Za-z0-9.-]+", message = "must be a tenant id or domain name") String directoryTenantId,
        @Schema(description = "The application (client) id of the app registration") @NotBlank @Size(max = 255) String clientId,
        @Schema(defaultValue = "https://login.microsoftonline.com") String authorityUrl,
        @Schema(defaultValue = "https://graph.microsoft.com") String graphUrl)
        implements
            ConnectionSettings {

    public EntraIdConnection {
        authorityUrl = authorityUrl == null ? "https://login.microsoftonline.com" : authorityUrl;
        graphUrl = graphUrl == null ? "https://graph.microsoft.com" : graphUrl;
    }

    @Override
    public SourceType sourceType() {
        return SourceType.ENTRA_ID;
    }

    @Override
    public List<UrlField> urls() {
        return List.of(new UrlField("authorityUrl", authorityUrl), new UrlField("graphUrl", graphUrl));
    }

    @Override
    public Set<String> secretNames() {
        return Set.of("clientSecret");
    }
}
