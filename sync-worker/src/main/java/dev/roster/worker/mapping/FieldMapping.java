package dev.roster.worker.mapping;

import java.util.List;

/**
 * Where one contact field comes from: the first of {@code sources} (source paths, see {@link SourcePaths})
 * that has a value in a record.
 */
public record FieldMapping(String target, FieldType type, List<String> sources) {

    public FieldMapping {
        sources = List.copyOf(sources);
    }

    public static FieldMapping of(String target, FieldType type, String... sources) {
        return new FieldMapping(target, type, List.of(sources));
    }
}
