package dev.roster.integration.connection;

import java.util.List;
import java.util.Set;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.roster.integration.domain.SourceType;

/**
 * Staffbase: {@code GET {baseUrl}/api/users} with Basic auth of an API token, paged by limit and offset
 * (v1) or by cursor (v3 representation). Credentials: {@code apiToken}.
 */
@Schema(name = "StaffbaseConnection", example = """
        {"baseUrl": "https://backend.staffbase.com", "pageSize": 100, "apiVersion": "V1"}""")
public record StaffbaseConnection(
        @Schema(description = "The Staffbase API host, or a regional one", example = "https://backend.staffbase.com") @NotBlank String baseUrl,
        @Schema(description = "Users per request", defaultValue = "100") @Min(1) @Max(1000) Integer pageSize,
        @Schema(description = "V1: limit/offset paging; V3: the v3 user representation with cursor paging", defaultValue = "V1") ApiVersion apiVersion)
        implements
            ConnectionSettings {

    public StaffbaseConnection {
        pageSize = pageSize == null ? 100 : pageSize;
        apiVersion = apiVersion == null ? ApiVersion.V1 : apiVersion;
    }

    public enum ApiVersion {
        V1, V3
    }

    @Override
    public SourceType sourceType() {
        return SourceType.STAFFBASE;
    }

    @Override
    public List<UrlField> urls() {
        return List.of(new UrlField("baseUrl", baseUrl));
    }

    @Override
    public Set<String> secretNames() {
        return Set.of("apiToken");
    }
}
