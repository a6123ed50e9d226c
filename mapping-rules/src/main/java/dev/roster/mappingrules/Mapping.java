package dev.roster.mappingrules;

import java.util.List;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How a job turns source records into contacts: field by field, the unique contact ID field, the rules that
 * exclude people by source attribute, and the source statuses that count as active.
 *
 * @param version the published mapping's version; null for the built-in default of the source type
 * @param acceptedStatuses the source statuses imported (e.g. Staffbase {@code activated}, {@code pending});
 *        empty: the source type's own notion of active
 */
public record Mapping(Integer version, String uniqueIdField, List<FieldMapping> fields, Exclusion exclusion,
        Set<String> acceptedStatuses) {

    public Mapping(Integer version, String uniqueIdField, List<FieldMapping> fields, Exclusion exclusion) {
        this(version, uniqueIdField, fields, exclusion, Set.of());
    }

    public Mapping {
        fields = List.copyOf(fields);
        acceptedStatuses = acceptedStatuses == null ? Set.of() : Set.copyOf(acceptedStatuses);
        exclusion = exclusion == null ? Exclusion.NONE : exclusion;
        String unique = Objects.requireNonNull(uniqueIdField, "uniqueIdField");
        if (fields.stream().noneMatch(f -> f.target().equals(unique))) {
            throw new IllegalArgumentException("the unique ID field " + unique + " is not mapped");
        }
    }

    /**
     * Whether a person with this source status is imported: one of the accepted statuses, or, when the
     * mapping names none, whom the source itself counts as active.
     */
    public boolean accepts(String status, boolean activeAtSource) {
        return acceptedStatuses.isEmpty() ? activeAtSource : status != null && acceptedStatuses.contains(status);
    }

    /** Whether a source record is left out by the mapping's exclusion rules. */
    @FunctionalInterface
    public interface Exclusion {

        Exclusion NONE = record -> false;

        boolean excludes(JsonNode attributes);
    }
}
