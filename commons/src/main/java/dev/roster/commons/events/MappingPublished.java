package dev.roster.commons.events;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The data of {@link EventTypes#MAPPING_PUBLISHED} on {@link Topics#MAPPING_EVENTS} (key: the integration id):
 * the whole mapping of an integration as saved, so a consumer keeps the newest {@code version} and needs
 * nothing else. Mapping is data: the worker evaluates it with the {@code roster-mapping-rules} library.
 *
 * @param version grows by one with every save; a consumer never replaces a newer version with an older one
 * @param uniqueIdField the contact field that identifies a person across syncs (never skipped)
 * @param uniqueIdFieldChanged whether {@code uniqueIdField} differs from the previous version's: the next sync
 *            of the integration must then read the whole source
 * @param fields the mapped fields only (skipped source fields are absent)
 * @param exclusions a person is left out when every rule of any one group matches (groups OR, rules AND)
 * @param acceptedStatuses the source statuses that count as active
 */
public record MappingPublished(
        UUID integrationId,
        String sourceType,
        int version,
        String uniqueIdField,
        boolean uniqueIdFieldChanged,
        List<MappedField> fields,
        List<ExclusionGroup> exclusions,
        List<String> acceptedStatuses,
        OffsetDateTime publishedAt) {

    /**
     * One contact field and where it comes from.
     *
     * @param target the contact field's key (a system field or one of the tenant's custom fields)
     * @param targetType how the value is checked: TEXT, EMAIL, NUMBER or DATE
     * @param sources source paths; the first that has a value in a record is taken
     * @param transformations applied in order to the source value before it is checked
     */
    public record MappedField(String target, TargetType targetType, List<String> sources,
            List<Transformation> transformations) {
    }

    public enum TargetType {
        TEXT, EMAIL, NUMBER, DATE
    }

    /**
     * One step of a field's transformation; only the parameters of its kind are set.
     *
     * @param pattern REPLACE: a regular expression (at most 200 characters)
     * @param replacement REPLACE: literal text put in place of each match
     * @param fields JOIN: further source paths whose values follow the field's own
     * @param separator JOIN: put between the joined values
     * @param value DEFAULT: the value when no source has one
     * @param format PARSE_DATE: the source's date pattern, e.g. {@code dd.MM.yyyy}
     */
    public record Transformation(TransformationKind kind, String pattern, String replacement, List<String> fields,
            String separator, String value, String format) {
    }

    public enum TransformationKind {
        TRIM, LOWER_CASE, UPPER_CASE, JOIN, REPLACE, DEFAULT, PARSE_DATE
    }

    /** Rules that together (AND) leave a person out. */
    public record ExclusionGroup(List<ExclusionRule> allOf) {
    }

    /**
     * A test of one source attribute; text comparisons ignore case.
     *
     * @param attribute a source path
     * @param value the operand of every operator but IN and IS_EMPTY
     * @param values the operand of IN
     */
    public record ExclusionRule(String attribute, Operator operator, String value, List<String> values) {
    }

    public enum Operator {
        EQUALS, NOT_EQUALS, CONTAINS, STARTS_WITH, ENDS_WITH, IN, IS_EMPTY, MATCHES
    }
}
