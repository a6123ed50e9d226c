package dev.roster.kubernetes.check;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The part of Kubernetes' strategic merge patch that whole-field patches of Deployments, ConfigMaps and
 * HorizontalPodAutoscalers need, with the results {@code kubectl kustomize} gives:
 * <ul>
 * <li>maps merge key by key; a key whose patch value is {@code null} is removed;</li>
 * <li>the lists Kubernetes merges by a key (containers by name, env by name, container ports by
 * containerPort, ...) merge element by element: first the patch's elements in the patch's order, each merged
 * into the element with the same key, then the elements the patch did not name, in their order;</li>
 * <li>every other list, and every scalar, is replaced by the patch's value.</li>
 * </ul>
 * Patch directives ({@code $patch}, {@code $setElementOrder}, ...) are refused rather than misapplied.
 */
public final class StrategicMergePatch {

    /** Merge keys by path from the object's root; {@code []} stands for any element of a list. */
    private static final Map<String, String> MERGE_KEYS = Map.ofEntries(
            Map.entry("spec.template.spec.containers", "name"),
            Map.entry("spec.template.spec.initContainers", "name"),
            Map.entry("spec.template.spec.volumes", "name"),
            Map.entry("spec.template.spec.imagePullSecrets", "name"),
            Map.entry("spec.template.spec.topologySpreadConstraints", "topologyKey"),
            Map.entry("spec.template.spec.containers[].env", "name"),
            Map.entry("spec.template.spec.containers[].ports", "containerPort"),
            Map.entry("spec.template.spec.containers[].volumeMounts", "mountPath"),
            Map.entry("spec.template.spec.initContainers[].env", "name"),
            Map.entry("spec.template.spec.initContainers[].ports", "containerPort"),
            Map.entry("spec.template.spec.initContainers[].volumeMounts", "mountPath"));

    /** Service's own list with a merge key. */
    private static final String SERVICE_PORTS = "spec.ports";

    private StrategicMergePatch() {
    }

    /** The target with the patch applied; the target is not changed. */
    public static ObjectNode apply(ObjectNode target, ObjectNode patch) {
        String kind = patch.path("kind").asText();
        return (ObjectNode) merge(target.deepCopy(), patch, "", kind);
    }

    private static JsonNode merge(JsonNode target, JsonNode patch, String path, String kind) {
        if (target instanceof ObjectNode targetMap && patch instanceof ObjectNode patchMap) {
            return mergeMaps(targetMap, patchMap, path, kind);
        }
        if (target instanceof ArrayNode targetList && patch instanceof ArrayNode patchList) {
            Optional<String> mergeKey = mergeKey(path, kind);
            if (mergeKey.isPresent()) {
                return mergeLists(targetList, patchList, mergeKey.get(), path, kind);
            }
        }
        rejectDirectives(patch, path);
        return patch.deepCopy();
    }

    private static ObjectNode mergeMaps(ObjectNode target, ObjectNode patch, String path, String kind) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = patch.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            String fieldPath = path.isEmpty() ? key : path + "." + key;
            rejectDirective(key, fieldPath);
            if (field.getValue().isNull()) {
                target.remove(key);
            } else if (target.has(key)) {
                target.set(key, merge(target.get(key), field.getValue(), fieldPath, kind));
            } else {
                rejectDirectives(field.getValue(), fieldPath);
                target.set(key, field.getValue().deepCopy());
            }
        }
        return target;
    }

    private static ArrayNode mergeLists(ArrayNode target, ArrayNode patch, String mergeKey, String path, String kind) {
        List<JsonNode> untouched = new ArrayList<>();
        target.forEach(untouched::add);
        ArrayNode merged = JsonNodeFactory.instance.arrayNode();
        for (JsonNode element : patch) {
            JsonNode key = element.get(mergeKey);
            if (!element.isObject() || key == null) {
                throw new ManifestException(path + ": every element of a patch of this list needs its merge key '"
                        + mergeKey + "'");
            }
            Optional<JsonNode> existing = untouched.stream().filter(e -> key.equals(e.get(mergeKey))).findFirst();
            existing.ifPresent(untouched::remove);
            merged.add(existing.map(e -> merge(e, element, path + "[]", kind))
                    .orElseGet(() -> mergeMaps(JsonNodeFactory.instance.objectNode(), (ObjectNode) element,
                            path + "[]", kind)));
        }
        untouched.forEach(merged::add);
        return merged;
    }

    private static Optional<String> mergeKey(String path, String kind) {
        if ("Service".equals(kind) && SERVICE_PORTS.equals(path)) {
            return Optional.of("port");
        }
        return Optional.ofNullable(MERGE_KEYS.get(path));
    }

    private static void rejectDirectives(JsonNode node, String path) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                rejectDirective(field.getKey(), path + "." + field.getKey());
                rejectDirectives(field.getValue(), path + "." + field.getKey());
            });
        } else if (node.isArray()) {
            node.forEach(element -> rejectDirectives(element, path + "[]"));
        }
    }

    private static void rejectDirective(String key, String path) {
        if (key.startsWith("$")) {
            throw new ManifestException(path + ": the patch directive " + key
                    + " is not supported by this renderer; patch whole fields instead");
        }
    }
}
