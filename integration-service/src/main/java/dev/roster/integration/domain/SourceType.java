package dev.roster.integration.domain;

/** The kinds of source Roster imports people from. */
public enum SourceType {
    STAFFBASE, ENTRA_ID, WORKDAY, SALESFORCE, SCIM, CSV
}
