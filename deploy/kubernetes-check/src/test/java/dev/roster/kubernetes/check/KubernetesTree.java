package dev.roster.kubernetes.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** deploy/kubernetes: the base, every overlay, and their rendered manifests (rendered once per test JVM). */
final class KubernetesTree {

    private static final Map<String, Manifests> RENDERED = new ConcurrentHashMap<>();

    private KubernetesTree() {
    }

    /** deploy/kubernetes, from the build's system property or relative to this module. */
    static Path root() {
        String configured = System.getProperty("roster.kubernetes.dir");
        Path root = configured != null ? Path.of(configured) : Path.of("..", "kubernetes");
        return root.toAbsolutePath().normalize();
    }

    /** "base" and "overlays/NAME" for every overlay, so a new overlay is checked without touching the tests. */
    static List<String> kustomizations() {
        List<String> names = new ArrayList<>(List.of("base"));
        names.addAll(overlays());
        return names;
    }

    static List<String> overlays() {
        try (Stream<Path> overlays = Files.list(root().resolve("overlays"))) {
            return overlays.filter(d -> Files.isRegularFile(d.resolve(Kustomize.KUSTOMIZATION)))
                    .map(d -> "overlays/" + d.getFileName())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path directory(String kustomization) {
        return root().resolve(kustomization);
    }

    static Manifests rendered(String kustomization) {
        return RENDERED.computeIfAbsent(kustomization, k -> Manifests.render(directory(k)));
    }
}
