package dev.roster.integration.connection;

import java.util.List;
import java.util.Set;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonIgnore;

import dev.roster.integration.domain.SourceType;

/**
 * Workday, either a Report-as-a-Service report ({@code reportUrl}, Basic auth of an integration system
 * user; credentials {@code username}, {@code password}) or the REST workers API ({@code baseUrl} and
 * {@code tenant}, at most 100 per page, a token from a refresh token; credentials {@code clientId},
 * {@code clientSecret}, {@code refreshToken}).
 */
@Schema(name = "WorkdayConnection", example = """
        {"mode": "RAAS",
         "reportUrl": "https://wd2-impl-services1.workday.com/ccx/service/customreport2/acme/ISU_Roster/Roster_Workers?format=json"}""")
public record WorkdayConnection(
        @Schema(description = "RAAS: a custom report; REST: the staffing workers API") @NotNull Mode mode,
        @Schema(description = "RAAS: the report's JSON URL") @Size(max = 2000) String reportUrl,
        @Schema(description = "REST: the Workday host", example = "https://wd2-impl-services1.workday.com") @Size(max = 2000) String baseUrl,
        @Schema(description = "REST: the Workday tenant name", example = "acme") @Size(max = 255) String tenant,
        @Schema(description = "REST: workers per request", defaultValue = "100") @Min(1) @Max(100) Integer pageSize)
        implements
            ConnectionSettings {

    public WorkdayConnection {
        pageSize = pageSize == null ? 100 : pageSize;
    }

    public enum Mode {
        RAAS, REST
    }

    @JsonIgnore
    @AssertTrue(message = "RAAS needs reportUrl; REST needs baseUrl and tenant")
    public boolean isComplete() {
        return mode == null || (mode == Mode.RAAS ? notBlank(reportUrl) : notBlank(baseUrl) && notBlank(tenant));
    }

    @Override
    public SourceType sourceType() {
        return SourceType.WORKDAY;
    }

    @Override
    public List<UrlField> urls() {
        return mode == Mode.RAAS
                ? List.of(new UrlField("reportUrl", reportUrl))
                : List.of(new UrlField("baseUrl", baseUrl));
    }

    @Override
    public Set<String> secretNames() {
        return mode == Mode.RAAS ? Set.of("username", "password") : Set.of("clientId", "clientSecret", "refreshToken");
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }
}
