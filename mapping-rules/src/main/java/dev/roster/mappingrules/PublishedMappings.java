package dev.roster.mappingrules;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.roster.commons.events.MappingPublished;
import dev.roster.commons.events.MappingPublished.MappedField;

/** Turns a published mapping (data) into one a job can apply. */
public final class PublishedMappings {

    private PublishedMappings() {
    }

    /**
     * The mapping to apply; {@link IllegalArgumentException} whose message starts with the JSON pointer of the
     * faulty part within the event's data ({@code /fields/2/transformations/0/pattern: ...}).
     */
    public static Mapping toMapping(MappingPublished published) {
        List<FieldMapping> fields = new ArrayList<>();
        for (int i = 0; i < published.fields().size(); i++) {
            fields.add(field(published.fields().get(i), "/fields/" + i));
        }
        Mapping.Exclusion exclusion;
        try {
            exclusion = ExclusionRules.of(published.exclusions());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("/exclusions" + e.getMessage());
        }
        return new Mapping(published.version(), published.uniqueIdField(), fields, exclusion,
                published.acceptedStatuses() == null ? Set.of() : Set.copyOf(published.acceptedStatuses()));
    }

    /** One field to apply; the pointer names it in messages. */
    public static FieldMapping field(MappedField field, String pointer) {
        if (field.target() == null || field.target().isBlank()) {
            throw new IllegalArgumentException(pointer + "/target: is required");
        }
        if (field.targetType() == null) {
            throw new IllegalArgumentException(pointer + "/targetType: is required");
        }
        if (field.sources() == null || field.sources().isEmpty()) {
            throw new IllegalArgumentException(pointer + "/sources: name at least one source field");
        }
        List<Transformation> steps = new ArrayList<>();
        List<MappingPublished.Transformation> described = field.transformations() == null
                ? List.of()
                : field.transformations();
        for (int i = 0; i < described.size(); i++) {
            try {
                steps.add(Transformation.of(described.get(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(pointer + "/transformations/" + i + "/" + e.getMessage());
            }
        }
        return new FieldMapping(field.target(), FieldType.valueOf(field.targetType().name()), field.sources(),
                steps);
    }
}
