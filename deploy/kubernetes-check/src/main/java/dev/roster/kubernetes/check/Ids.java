package dev.roster.kubernetes.check;

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** How errors and violations name an object: {@code Deployment roster/sync-worker}. */
public final class Ids {

    private Ids() {
    }

    public static String of(JsonNode object) {
        JsonNode metadata = object.path("metadata");
        return name(object.path("kind").asText(), metadata.path("namespace").asText(null),
                metadata.path("name").asText());
    }

    public static String of(HasMetadata object) {
        return name(object.getKind(), object.getMetadata().getNamespace(), object.getMetadata().getName());
    }

    private static String name(String kind, String namespace, String name) {
        return kind + " " + (namespace == null ? name : namespace + "/" + name);
    }
}
