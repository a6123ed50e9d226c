package dev.roster.mappingrules;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How a job turns source records into contacts: field by field, the unique contact ID field, and the rules
 * that exclude people by source attribute.
 *
 * @param version the published mapping's version; null for the built-in default of the source type
 */
public record Mapping(Integer version, String uniqueIdField, List<FieldMapping> fields, Exclusion exclusion) {

    public Mapping {
        fields = List.copyOf(fields);
        exclusion = exclusion == null ? Exclusion.NONE : exclusion;
        String unique = Objects.requireNonNull(uniqueIdField, "uniqueIdField");
        if (fields.stream().noneMatch(f -> f.target().equals(unique))) {
            throw new IllegalArgumentException("the unique ID field " + unique + " is not mapped");
        }
    }

    /** Whether a source record is left out by the mapping's exclusion rules. */
    @FunctionalInterface
    public interface Exclusion {

        Exclusion NONE = record -> false;

        boolean excludes(JsonNode attributes);
    }
}
