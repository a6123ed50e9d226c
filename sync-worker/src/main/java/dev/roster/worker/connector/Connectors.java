package dev.roster.worker.connector;

import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.roster.worker.access.IntegrationServiceClient;
import dev.roster.worker.access.SourceAccess;
import dev.roster.worker.config.WorkerConfig;
import dev.roster.worker.connector.SourceException.Kind;

/** Opens the connector an integration's source type and connection call for. */
@ApplicationScoped
public class Connectors {

    @Inject
    ObjectMapper mapper;

    @Inject
    WorkerConfig config;

    @Inject
    IntegrationServiceClient integrationService;

    /** Whether the source answers "what changed since" (Graph's delta query) besides a full read. */
    public static boolean supportsIncremental(String sourceType) {
        return "ENTRA_ID".equalsIgnoreCase(sourceType);
    }

    public SourceConnector open(SourceAccess access) {
        return open(access, Set.of());
    }

    /**
     * A connector for the integration; a source that can filter by status (Staffbase) is asked for the accepted
     * statuses only (none: its default).
     */
    public SourceConnector open(SourceAccess access, Set<String> acceptedStatuses) {
        SourceHttp http = new SourceHttp(mapper, settings());
        return switch (access.sourceType().toUpperCase(Locale.ROOT)) {
            case "STAFFBASE" -> new StaffbaseConnector(http, required(access, "baseUrl"),
                    secret(access, "apiToken"), access.setting("pageSize", 100), acceptedStatuses);
            case "SCIM" -> new ScimConnector(http, required(access, "baseUrl"), secret(access, "bearerToken"),
                    access.setting("pageSize", 100), access.setting("filter", null));
            case "ENTRA_ID" -> new GraphConnector(http, access.setting("authorityUrl",
                    "https://login.microsoftonline.com"), access.setting("graphUrl", "https://graph.microsoft.com"),
                    required(access, "directoryTenantId"), required(access, "clientId"),
                    secret(access, "clientSecret"));
            case "SALESFORCE" -> salesforce(http, access);
            case "WORKDAY" -> workday(http, access);
            case "CSV" -> csv(access);
            default -> throw new SourceException(Kind.BAD_PAYLOAD, "unknown source type " + access.sourceType());
        };
    }

    private SourceConnector salesforce(SourceHttp http, SourceAccess access) {
        String object = access.setting("object", "Contact");
        String query = access.setting("query", "User".equals(object) ? USER_QUERY : CONTACT_QUERY);
        return SalesforceConnector.clientCredentials(http, required(access, "instanceUrl"),
                access.setting("apiVersion", "v60.0"), required(access, "clientId"), secret(access, "clientSecret"),
                query);
    }

    private SourceConnector workday(SourceHttp http, SourceAccess access) {
        if ("REST".equals(access.setting("mode", "RAAS"))) {
            return WorkdayConnector.rest(http, required(access, "baseUrl"), required(access, "tenant"),
                    secret(access, "clientId"), secret(access, "clientSecret"), secret(access, "refreshToken"),
                    access.setting("pageSize", WorkdayConnector.MAX_REST_LIMIT));
        }
        return WorkdayConnector.raas(http, required(access, "reportUrl"), secret(access, "username"),
                secret(access, "password"), access.setting("idColumn", null), 500);
    }

    /** The integration's uploaded file, fetched from integration-service each time the reader (re)opens it. */
    private SourceConnector csv(SourceAccess access) {
        String delimiter = access.setting("delimiter", ",");
        return new CsvConnector(() -> integrationService.openFile(access.integrationId()),
                "\\t".equals(delimiter) ? '\t' : delimiter.charAt(0), access.setting("encoding", "UTF-8"), 500,
                access.setting("idColumn", null));
    }

    /** The standard person fields of a Salesforce Contact, when the integration names no query. */
    static final String CONTACT_QUERY = "SELECT Id, FirstName, LastName, Email, Title, Department, Phone, MobilePhone,"
            + " MailingCity, MailingCountry FROM Contact";
    /** The same of a User, with its active flag. */
    static final String USER_QUERY = "SELECT Id, FirstName, LastName, Email, Title, Department, Phone, MobilePhone,"
            + " City, Country, IsActive FROM User";

    private SourceHttp.Settings settings() {
        WorkerConfig.Source s = config.source();
        return new SourceHttp.Settings(s.connectTimeout(), s.readTimeout(), s.maxRetries(), s.firstBackoff(),
                s.maxBackoff(), s.requestsPerSecond());
    }

    static String required(SourceAccess access, String name) {
        String value = access.setting(name, null);
        if (value == null) {
            throw new SourceException(Kind.BAD_PAYLOAD, "the integration's connection has no " + name);
        }
        return value;
    }

    static String secret(SourceAccess access, String name) {
        String value = access.secret(name);
        if (value == null || value.isBlank()) {
            throw new SourceException(Kind.AUTHENTICATION, "the integration has no " + name + " credential: set it");
        }
        return value;
    }
}
