package dev.roster.mappingrules;

/** What a contact field holds, which decides how a source value is checked and written. */
public enum FieldType {
    /** Any text, trimmed, at most {@link RecordMapper#MAX_TEXT} characters. */
    TEXT,
    /** An email address, written in lower case. */
    EMAIL,
    /** A decimal number, written in plain notation. */
    NUMBER,
    /** A calendar date, written {@code yyyy-MM-dd}; a date-time counts by its date. */
    DATE
}
