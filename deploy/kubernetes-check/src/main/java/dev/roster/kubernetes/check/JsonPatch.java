package dev.roster.kubernetes.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * JSON Patch (RFC 6902) operations {@code add}, {@code replace} and {@code remove}: what an overlay needs to
 * change one element of a list that has no merge key, such as an Ingress rule's host.
 */
public final class JsonPatch {

    private static final Set<String> OPERATION_FIELDS = Set.of("op", "path", "value");

    private JsonPatch() {
    }

    /** The target with the operations applied in order; the target is not changed. */
    public static ObjectNode apply(ObjectNode target, ArrayNode operations) {
        ObjectNode result = target.deepCopy();
        for (JsonNode operation : operations) {
            apply(result, operation);
        }
        return result;
    }

    private static void apply(ObjectNode root, JsonNode operation) {
        if (!operation.isObject()) {
            throw new ManifestException("a JSON patch operation must be a map: " + operation);
        }
        operation.fieldNames().forEachRemaining(field -> {
            if (!OPERATION_FIELDS.contains(field)) {
                throw new ManifestException("JSON patch field '" + field + "' is not supported (only op, path, value)");
            }
        });
        String op = operation.path("op").asText();
        String path = operation.path("path").asText();
        List<String> tokens = parse(path);
        JsonNode parent = navigate(root, tokens.subList(0, tokens.size() - 1), path);
        String last = tokens.get(tokens.size() - 1);
        switch (op) {
            case "add" -> add(parent, last, value(operation, path), path);
            case "replace" -> replace(parent, last, value(operation, path), path);
            case "remove" -> remove(parent, last, path);
            default -> throw new ManifestException(path + ": JSON patch op '" + op
                    + "' is not supported (only add, replace, remove)");
        }
    }

    private static JsonNode value(JsonNode operation, String path) {
        if (!operation.has("value")) {
            throw new ManifestException(path + ": the operation needs a value");
        }
        return operation.get("value").deepCopy();
    }

    private static void add(JsonNode parent, String token, JsonNode value, String path) {
        if (parent instanceof ObjectNode map) {
            map.set(token, value);
        } else if (parent instanceof ArrayNode list) {
            if ("-".equals(token)) {
                list.add(value);
            } else {
                list.insert(index(list, token, list.size(), path), value);
            }
        }
    }

    private static void replace(JsonNode parent, String token, JsonNode value, String path) {
        if (parent instanceof ObjectNode map) {
            requireField(map, token, path);
            map.set(token, value);
        } else if (parent instanceof ArrayNode list) {
            list.set(index(list, token, list.size() - 1, path), value);
        }
    }

    private static void remove(JsonNode parent, String token, String path) {
        if (parent instanceof ObjectNode map) {
            requireField(map, token, path);
            map.remove(token);
        } else if (parent instanceof ArrayNode list) {
            list.remove(index(list, token, list.size() - 1, path));
        }
    }

    private static JsonNode navigate(JsonNode root, List<String> tokens, String path) {
        JsonNode node = root;
        for (String token : tokens) {
            if (node instanceof ObjectNode map) {
                requireField(map, token, path);
                node = map.get(token);
            } else if (node instanceof ArrayNode list) {
                node = list.get(index(list, token, list.size() - 1, path));
            } else {
                throw new ManifestException(path + ": '" + token + "' is inside a scalar");
            }
        }
        if (!node.isContainerNode()) {
            throw new ManifestException(path + ": the parent is not a map or a list");
        }
        return node;
    }

    private static int index(ArrayNode list, String token, int max, String path) {
        try {
            int index = Integer.parseInt(token);
            if (index >= 0 && index <= max) {
                return index;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ManifestException(path + ": '" + token + "' is not an index of a list of " + list.size());
    }

    private static void requireField(ObjectNode map, String token, String path) {
        if (!map.has(token)) {
            throw new ManifestException(path + ": there is no '" + token + "' to change");
        }
    }

    private static List<String> parse(String pointer) {
        if (!pointer.startsWith("/")) {
            throw new ManifestException("JSON patch path '" + pointer + "' must start with /");
        }
        List<String> tokens = new ArrayList<>();
        for (String token : pointer.substring(1).split("/", -1)) {
            tokens.add(token.replace("~1", "/").replace("~0", "~"));
        }
        return tokens;
    }
}
