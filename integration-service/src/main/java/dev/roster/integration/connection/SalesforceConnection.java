package dev.roster.integration.connection;

import java.util.List;
import java.util.Set;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.roster.integration.domain.SourceType;

/**
 * Salesforce REST {@code query} with SOQL, following {@code nextRecordsUrl} until {@code done}. Token by
 * OAuth2 client credentials at the instance. Credentials: {@code clientSecret}.
 */
@Schema(name = "SalesforceConnection", example = """
        {"instanceUrl": "https://acme.my.salesforce.com", "apiVersion": "v60.0", "clientId": "3MVG9...",
         "object": "Contact", "query": "SELECT Id, FirstName, LastName, Email, Title, Department FROM Contact"}""")
public record SalesforceConnection(
        @Schema(example = "https://acme.my.salesforce.com") @NotBlank @Size(max = 2000) String instanceUrl,
        @Schema(defaultValue = "v60.0") @Pattern(regexp = "v\\d{2,3}\\.\\d", message = "must look like v60.0") String apiVersion,
        @Schema(description = "The connected app's consumer key") @NotBlank @Size(max = 255) String clientId,
        @Schema(description = "Contact or User", defaultValue = "Contact") @Pattern(regexp = "Contact|User", message = "must be Contact or User") String object,
        @Schema(description = "A SOQL SELECT over the object; by default the standard person fields") @Size(max = 10000) @Pattern(regexp = "(?is)\\s*SELECT\\s.+\\sFROM\\s.+", message = "must be a SOQL SELECT ... FROM ... query") String query)
        implements
            ConnectionSettings {

    public SalesforceConnection {
        apiVersion = apiVersion == null ? "v60.0" : apiVersion;
        object = object == null ? "Contact" : object;
    }

    @Override
    public SourceType sourceType() {
        return SourceType.SALESFORCE;
    }

    @Override
    public List<UrlField> urls() {
        return List.of(new UrlField("instanceUrl", instanceUrl));
    }

    @Override
    public Set<String> secretNames() {
        return Set.of("clientSecret");
    }
}
