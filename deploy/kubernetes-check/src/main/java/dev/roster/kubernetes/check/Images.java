package dev.roster.kubernetes.check;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** kustomize's {@code images} field: replaces the name, tag or digest of matching container images. */
final class Images {

    private static final Set<String> FIELDS = Set.of("name", "newName", "newTag", "digest");
    private static final Set<String> CONTAINER_LISTS = Set.of("containers", "initContainers");

    private Images() {
    }

    static void apply(List<ObjectNode> objects, JsonNode rule, Path file) {
        rule.fieldNames().forEachRemaining(field -> {
            if (!FIELDS.contains(field)) {
                throw new ManifestException(file + ": images[]." + field + " is not supported");
            }
        });
        String name = rule.path("name").asText();
        if (name.isEmpty() || (rule.has("newTag") && rule.has("digest"))) {
            throw new ManifestException(file + ": an image rule needs a name, and a newTag or a digest, not both");
        }
        AtomicInteger changed = new AtomicInteger();
        objects.forEach(object -> rewrite(object, rule, changed));
        if (changed.get() == 0) {
            throw new ManifestException(file + ": no container runs image " + name);
        }
    }

    private static void rewrite(JsonNode node, JsonNode rule, AtomicInteger changed) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if (CONTAINER_LISTS.contains(field.getKey()) && field.getValue().isArray()) {
                    field.getValue().forEach(container -> rewriteContainer(container, rule, changed));
                } else {
                    rewrite(field.getValue(), rule, changed);
                }
            });
        } else if (node.isArray()) {
            node.forEach(element -> rewrite(element, rule, changed));
        }
    }

    private static void rewriteContainer(JsonNode container, JsonNode rule, AtomicInteger changed) {
        if (!container.path("image").isTextual()) {
            return;
        }
        ImageReference image = ImageReference.parse(container.get("image").asText());
        if (!image.name().equals(rule.get("name").asText())) {
            return;
        }
        String name = rule.path("newName").asText(image.name());
        String reference;
        if (rule.has("digest")) {
            reference = name + "@" + rule.get("digest").asText();
        } else if (rule.has("newTag")) {
            reference = name + ":" + rule.get("newTag").asText();
        } else {
            reference = name + image.suffix();
        }
        ((ObjectNode) container).put("image", reference);
        changed.incrementAndGet();
    }

    /** An image reference split into its name and the tag or digest that follows it. */
    record ImageReference(String name, String suffix) {

        static ImageReference parse(String reference) {
            int at = reference.indexOf('@');
            if (at >= 0) {
                return new ImageReference(reference.substring(0, at), reference.substring(at));
            }
            int colon = reference.lastIndexOf(':');
            if (colon > reference.lastIndexOf('/')) {
                return new ImageReference(reference.substring(0, colon), reference.substring(colon));
            }
            return new ImageReference(reference, "");
        }
    }
}
