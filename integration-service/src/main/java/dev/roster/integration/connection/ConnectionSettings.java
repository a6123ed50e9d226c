package dev.roster.integration.connection;

import java.util.List;
import java.util.Set;

import dev.roster.integration.domain.SourceType;

/**
 * How to reach one source: a record per source type, chosen by the integration's {@code sourceType}.
 * Nothing secret lives here; secrets go in the write-only credentials.
 */
public sealed interface ConnectionSettings permits StaffbaseConnection, EntraIdConnection, WorkdayConnection,
        SalesforceConnection, ScimConnection, CsvConnection {

    SourceType sourceType();

    /** The URLs the worker will call, by field name, for the outbound-address check. */
    List<UrlField> urls();

    /** The names of the secrets this connection needs; only these are accepted as credentials. */
    Set<String> secretNames();

    /** The settings record of each source type. */
    static Class<? extends ConnectionSettings> typeOf(SourceType sourceType) {
        return switch (sourceType) {
            case STAFFBASE -> StaffbaseConnection.class;
            case ENTRA_ID -> EntraIdConnection.class;
            case WORKDAY -> WorkdayConnection.class;
            case SALESFORCE -> SalesforceConnection.class;
            case SCIM -> ScimConnection.class;
            case CSV -> CsvConnection.class;
        };
    }

    /** A URL-valued field of a connection. */
    record UrlField(String field, String url) {
    }
}
