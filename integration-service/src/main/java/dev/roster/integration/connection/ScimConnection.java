package dev.roster.integration.connection;

import java.util.List;
import java.util.Set;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.roster.integration.domain.SourceType;

/** A SCIM 2.0 server: {@code GET {baseUrl}/Users} with 1-based startIndex and count. Credentials: {@code bearerToken}. */
@Schema(name = "ScimConnection", example = """
        {"baseUrl": "https://scim.example.com/scim/v2", "pageSize": 100, "filter": "userType eq \\"Employee\\""}""")
public record ScimConnection(
        @Schema(example = "https://scim.example.com/scim/v2") @NotBlank @Size(max = 2000) String baseUrl,
        @Schema(description = "count per request", defaultValue = "100") @Min(1) @Max(1000) Integer pageSize,
        @Schema(description = "An optional SCIM filter") @Size(max = 1000) String filter)
        implements
            ConnectionSettings {

    public ScimConnection {
        pageSize = pageSize == null ? 100 : pageSize;
    }

    @Override
    public SourceType sourceType() {
        return SourceType.SCIM;
    }

    @Override
    public List<UrlField> urls() {
        return List.of(new UrlField("baseUrl", baseUrl));
    }

    @Override
    public Set<String> secretNames() {
        return Set.of("bearerToken");
    }
}
