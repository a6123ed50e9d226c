package dev.roster.mappingrules;

import java.util.Iterator;
import java.util.Map;
import java.util.function.BiConsumer;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Names the values inside a source record. A path joins the members of nested objects with a dot
 * ({@code name.givenName}); a member name that itself contains dots (SCIM's
 * {@code urn:ietf:params:scim:schemas:extension:enterprise:2.0:User}) is matched whole. An array stands for
 * its primary element (the one with {@code "primary": true}), else its first, so {@code emails.value} is the
 * primary email and {@code businessPhones} the first phone.
 */
public final class SourcePaths {

    /** Objects nested deeper than this are not walked (a record is a person, not a document). */
    private static final int MAX_DEPTH = 6;

    private SourcePaths() {
    }

    /** The text at {@code path}, or null when it is absent, null, empty or not a scalar. */
    public static String text(JsonNode record, String path) {
        JsonNode value = resolve(record, path);
        if (value == null || value.isNull() || value.isContainerNode() || value.isMissingNode()) {
            return null;
        }
        String text = value.asText();
        return text.isBlank() ? null : text;
    }

    static JsonNode resolve(JsonNode node, String path) {
        node = primary(node);
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode direct = node.get(path);
        if (direct != null) {
            return primary(direct);
        }
        // the longest member name that prefixes the path, then the rest of the path inside it
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> member = it.next();
            String name = member.getKey();
            if (path.length() > name.length() + 1 && path.startsWith(name) && path.charAt(name.length()) == '.') {
                JsonNode found = resolve(member.getValue(), path.substring(name.length() + 1));
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static JsonNode primary(JsonNode node) {
        if (node == null || !node.isArray()) {
            return node;
        }
        if (node.isEmpty()) {
            return null;
        }
        for (JsonNode element : node) {
            if (element.path("primary").asBoolean(false)) {
                return element;
            }
        }
        return node.get(0);
    }

    /** Every scalar of a record with its path, in document order; empty values are passed as null. */
    public static void walk(JsonNode record, BiConsumer<String, String> visitor) {
        walk(record, "", visitor, 0);
    }

    private static void walk(JsonNode node, String prefix, BiConsumer<String, String> visitor, int depth) {
        node = primary(node);
        if (node == null) {
            if (!prefix.isEmpty()) {
                visitor.accept(prefix, null);
            }
            return;
        }
        if (node.isObject()) {
            if (depth >= MAX_DEPTH) {
                return;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> member = it.next();
                if (member.getKey().startsWith("@odata.") || (depth == 0 && member.getKey().equals("attributes")
                        && member.getValue().has("url"))) {
                    continue; // protocol bookkeeping (Graph's annotations, Salesforce's record attributes)
                }
                walk(member.getValue(), prefix.isEmpty() ? member.getKey() : prefix + "." + member.getKey(),
                        visitor, depth + 1);
            }
        } else if (!prefix.isEmpty()) {
            visitor.accept(prefix, node.isNull() || node.asText().isBlank() ? null : node.asText());
        }
    }
}
