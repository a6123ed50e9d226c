package dev.roster.kubernetes.check;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** The objects one kustomization renders, each read strictly into the fabric8 model. */
public record Manifests(List<HasMetadata> objects) {

    /** Renders the kustomization in {@code directory} and reads every object strictly. */
    public static Manifests render(Path directory) {
        return new Manifests(Kustomize.build(directory).stream().map(StrictModel::read).toList());
    }

    public <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public <T extends HasMetadata> Stream<T> stream(Class<T> type) {
        return all(type).stream();
    }

    public <T extends HasMetadata> Optional<T> find(Class<T> type, String namespace, String name) {
        return stream(type)
                .filter(o -> name.equals(o.getMetadata().getName()))
                .filter(o -> Objects.equals(namespace, o.getMetadata().getNamespace()))
                .findFirst();
    }
}
