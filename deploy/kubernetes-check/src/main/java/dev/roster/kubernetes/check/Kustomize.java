package dev.roster.kubernetes.check;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Renders a kustomization directory as {@code kubectl kustomize} does, for the fields Roster's overlays use
 * and no others:
 * <ul>
 * <li>{@code resources}: files (one or more YAML documents) and directories with their own
 * kustomization;</li>
 * <li>{@code patches}: a strategic merge patch (one or more documents, each naming its target by apiVersion,
 * kind and name) or a JSON patch with a {@code target}, from a {@code path} or inline {@code patch};</li>
 * <li>{@code namespace}: sets every namespaced object's namespace and renames the Namespace object;</li>
 * <li>{@code images}: {@code newName}, {@code newTag} or {@code digest} of the containers whose image has
 * that {@code name}.</li>
 * </ul>
 * A kustomization that uses any other field fails, rather than render something kubectl would not. So does
 * a patch or an image rule that changes nothing: that is a typo, not an intention.
 */
public final class Kustomize {

    public static final String KUSTOMIZATION = "kustomization.yaml";

    private static final Set<String> FIELDS = Set.of("apiVersion", "kind", "resources", "namespace", "images",
            "patches");
    private static final Set<String> PATCH_FIELDS = Set.of("path", "patch", "target");
    private static final Set<String> TARGET_FIELDS = Set.of("group", "version", "kind", "name", "namespace");
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "IngressClass", "PriorityClass", "StorageClass", "PersistentVolume", "CustomResourceDefinition");

    private Kustomize() {
    }

    /** The objects the kustomization in {@code directory} renders, in the order of its resources. */
    public static List<ObjectNode> build(Path directory) {
        Path file = directory.resolve(KUSTOMIZATION);
        if (!Files.isRegularFile(file)) {
            throw new ManifestException(directory + ": no " + KUSTOMIZATION);
        }
        JsonNode kustomization = single(Yaml.readDocuments(file), file);
        checkFields(kustomization, file);
        List<ObjectNode> objects = resources(kustomization.path("resources"), directory, file);
        for (JsonNode patch : kustomization.path("patches")) {
            patch(objects, patch, directory, file);
        }
        if (kustomization.hasNonNull("namespace")) {
            setNamespace(objects, kustomization.get("namespace").asText());
        }
        for (JsonNode image : kustomization.path("images")) {
            Images.apply(objects, image, file);
        }
        return objects;
    }

    private static void checkFields(JsonNode kustomization, Path file) {
        Set<String> unsupported = new TreeSet<>();
        kustomization.fieldNames().forEachRemaining(unsupported::add);
        unsupported.removeAll(FIELDS);
        if (!unsupported.isEmpty()) {
            throw new ManifestException(file + ": " + unsupported
                    + " not supported by deploy/kubernetes-check's renderer (it renders " + new TreeSet<>(FIELDS)
                    + "); see deploy/kubernetes/README.md");
        }
        String apiVersion = kustomization.path("apiVersion").asText("kustomize.config.k8s.io/v1beta1");
        String kind = kustomization.path("kind").asText("Kustomization");
        if (!apiVersion.equals("kustomize.config.k8s.io/v1beta1") || !kind.equals("Kustomization")) {
            throw new ManifestException(file + ": expected kustomize.config.k8s.io/v1beta1 Kustomization, not "
                    + apiVersion + " " + kind);
        }
    }

    private static List<ObjectNode> resources(JsonNode entries, Path directory, Path file) {
        List<ObjectNode> objects = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (JsonNode entry : entries) {
            String name = entry.asText();
            if (name.contains("://") || name.startsWith("github.com/")) {
                throw new ManifestException(file + ": remote resource " + name + " is not supported");
            }
            Path resource = directory.resolve(name).normalize();
            List<ObjectNode> loaded = Files.isDirectory(resource) ? build(resource) : objectsIn(resource, file);
            for (ObjectNode object : loaded) {
                if (!ids.add(Ids.of(object))) {
                    throw new ManifestException(file + ": " + Ids.of(object) + " is defined twice");
                }
                objects.add(object);
            }
        }
        return objects;
    }

    private static List<ObjectNode> objectsIn(Path resource, Path file) {
        if (!Files.isRegularFile(resource)) {
            throw new ManifestException(file + ": resource " + resource + " does not exist");
        }
        List<ObjectNode> objects = new ArrayList<>();
        for (JsonNode document : Yaml.readDocuments(resource)) {
            if (!document.isObject() || !document.hasNonNull("apiVersion") || !document.hasNonNull("kind")
                    || !document.path("metadata").hasNonNull("name")) {
                throw new ManifestException(resource + ": every document needs apiVersion, kind and metadata.name");
            }
            objects.add((ObjectNode) document);
        }
        return objects;
    }

    private static void patch(List<ObjectNode> objects, JsonNode entry, Path directory, Path file) {
        entry.fieldNames().forEachRemaining(field -> {
            if (!PATCH_FIELDS.contains(field)) {
                throw new ManifestException(file + ": patches[]." + field + " is not supported");
            }
        });
        if (entry.has("path") == entry.has("patch")) {
            throw new ManifestException(file + ": a patch has either a path or an inline patch");
        }
        String source = entry.has("path")
                ? directory.resolve(entry.get("path").asText()).toString()
                : file + " (inline patch)";
        List<JsonNode> documents = entry.has("path")
                ? Yaml.readDocuments(Path.of(source))
                : Yaml.readDocuments(entry.get("patch").asText(), source);
        if (documents.size() == 1 && documents.get(0).isArray()) {
            jsonPatch(objects, entry.path("target"), (ArrayNode) documents.get(0), source);
        } else if (entry.has("target")) {
            throw new ManifestException(source + ": a strategic merge patch names its target itself; "
                    + "target is for JSON patches only");
        } else {
            documents.forEach(document -> strategicMerge(objects, document, source));
        }
    }

    private static void jsonPatch(List<ObjectNode> objects, JsonNode target, ArrayNode operations, String source) {
        if (!target.isObject() || !target.hasNonNull("kind") || !target.hasNonNull("name")) {
            throw new ManifestException(source + ": a JSON patch needs a target with kind and name");
        }
        target.fieldNames().forEachRemaining(field -> {
            if (!TARGET_FIELDS.contains(field)) {
                throw new ManifestException(source + ": target." + field + " is not supported");
            }
        });
        int index = onlyMatch(objects, object -> matches(object, target), source, target.toString());
        objects.set(index, apply(operations, objects.get(index), source));
    }

    private static ObjectNode apply(ArrayNode operations, ObjectNode object, String source) {
        try {
            return JsonPatch.apply(object, operations);
        } catch (ManifestException e) {
            throw new ManifestException(source + ": " + Ids.of(object) + ": " + e.getMessage(), e);
        }
    }

    private static void strategicMerge(List<ObjectNode> objects, JsonNode patch, String source) {
        if (!patch.isObject() || !patch.hasNonNull("apiVersion") || !patch.hasNonNull("kind")
                || !patch.path("metadata").hasNonNull("name")) {
            throw new ManifestException(source + ": a strategic merge patch needs apiVersion, kind and metadata.name");
        }
        int index = onlyMatch(objects, object -> samePatchTarget(object, patch), source, Ids.of(patch));
        try {
            objects.set(index, StrategicMergePatch.apply(objects.get(index), (ObjectNode) patch));
        } catch (ManifestException e) {
            throw new ManifestException(source + ": " + Ids.of(patch) + ": " + e.getMessage(), e);
        }
    }

    private static int onlyMatch(List<ObjectNode> objects, Predicate<ObjectNode> filter,
            String source, String target) {
        List<Integer> matches = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            if (filter.test(objects.get(i))) {
                matches.add(i);
            }
        }
        if (matches.size() != 1) {
            throw new ManifestException(source + ": the patch of " + target + " matches " + matches.size()
                    + " objects; it must match exactly one");
        }
        return matches.get(0);
    }

    private static boolean samePatchTarget(ObjectNode object, JsonNode patch) {
        JsonNode namespace = patch.path("metadata").path("namespace");
        return object.path("apiVersion").equals(patch.path("apiVersion"))
                && object.path("kind").equals(patch.path("kind"))
                && object.path("metadata").path("name").equals(patch.path("metadata").path("name"))
                && (namespace.isMissingNode() || object.path("metadata").path("namespace").equals(namespace));
    }

    private static boolean matches(ObjectNode object, JsonNode target) {
        String apiVersion = object.path("apiVersion").asText();
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        JsonNode metadata = object.path("metadata");
        return target.get("kind").asText().equals(object.path("kind").asText())
                && target.get("name").asText().equals(metadata.path("name").asText())
                && target.path("group").asText(group).equals(group)
                && target.path("version").asText(version).equals(version)
                && target.path("namespace").asText(metadata.path("namespace").asText())
                        .equals(metadata.path("namespace").asText());
    }

    private static void setNamespace(List<ObjectNode> objects, String namespace) {
        for (ObjectNode object : objects) {
            ObjectNode metadata = (ObjectNode) object.get("metadata");
            String kind = object.path("kind").asText();
            if (kind.equals("Namespace")) {
                metadata.put("name", namespace);
            } else if (!CLUSTER_SCOPED.contains(kind)) {
                metadata.put("namespace", namespace);
            }
        }
    }

    private static JsonNode single(List<JsonNode> documents, Path file) {
        if (documents.size() != 1 || !documents.get(0).isObject()) {
            throw new ManifestException(file + ": expected one YAML map");
        }
        return documents.get(0);
    }
}
