package dev.roster.mappingrules;

import java.util.List;

/**
 * Where one contact field comes from: the first of {@code sources} (source paths, see {@link SourcePaths})
 * that has a value in a record, passed through {@code transformations} in order.
 */
public record FieldMapping(String target, FieldType type, List<String> sources, List<Transformation> transformations) {

    public FieldMapping {
        sources = List.copyOf(sources);
        transformations = transformations == null ? List.of() : List.copyOf(transformations);
    }

    public FieldMapping(String target, FieldType type, List<String> sources) {
        this(target, type, sources, List.of());
    }

    public static FieldMapping of(String target, FieldType type, String... sources) {
        return new FieldMapping(target, type, List.of(sources));
    }
}
