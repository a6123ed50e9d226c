package dev.roster.mappingrules;

import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import dev.roster.commons.events.MappingPublished.ExclusionGroup;
import dev.roster.commons.events.MappingPublished.ExclusionRule;

/**
 * Leaves a person out when every rule of any one group matches their source attributes (rules AND, groups
 * OR). Text comparisons ignore case; an absent attribute counts as empty. A regular expression that is too
 * costly on a value does not match it: a rule can never stop a sync.
 */
public final class ExclusionRules implements Mapping.Exclusion {

    private final List<List<Predicate<JsonNode>>> groups;

    private ExclusionRules(List<List<Predicate<JsonNode>>> groups) {
        this.groups = groups;
    }

    /**
     * The compiled rules; {@link IllegalArgumentException} with a message starting with the JSON pointer
     * of the faulty part (relative to the list, e.g. {@code /0/allOf/1/value: ...}).
     */
    public static Mapping.Exclusion of(List<ExclusionGroup> groups) {
        if (groups == null || groups.isEmpty()) {
            return Mapping.Exclusion.NONE;
        }
        List<List<Predicate<JsonNode>>> compiled = new java.util.ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            ExclusionGroup group = groups.get(g);
            if (group == null || group.allOf() == null || group.allOf().isEmpty()) {
                throw new IllegalArgumentException("/" + g + "/allOf: a group needs at least one rule");
            }
            List<Predicate<JsonNode>> rules = new java.util.ArrayList<>();
            for (int r = 0; r < group.allOf().size(); r++) {
                try {
                    rules.add(rule(group.allOf().get(r)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("/" + g + "/allOf/" + r + "/" + e.getMessage());
                }
            }
            compiled.add(List.copyOf(rules));
        }
        return new ExclusionRules(List.copyOf(compiled));
    }

    @Override
    public boolean excludes(JsonNode attributes) {
        return groups.stream().anyMatch(group -> group.stream().allMatch(rule -> rule.test(attributes)));
    }

    private static Predicate<JsonNode> rule(ExclusionRule rule) {
        if (rule == null || rule.attribute() == null || rule.attribute().isBlank()) {
            throw new IllegalArgumentException("attribute: is required");
        }
        if (rule.operator() == null) {
            throw new IllegalArgumentException("operator: is required");
        }
        String path = rule.attribute();
        return switch (rule.operator()) {
            case IS_EMPTY -> a -> SourcePaths.text(a, path) == null;
            case IN -> {
                if (rule.values() == null || rule.values().isEmpty()) {
                    throw new IllegalArgumentException("values: name at least one value");
                }
                List<String> values = rule.values().stream().map(ExclusionRules::fold).toList();
                yield a -> values.contains(value(a, path));
            }
            case MATCHES -> {
                Pattern pattern;
                try {
                    pattern = SafeRegex.compile(rule.value());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("value: " + e.getMessage());
                }
                yield a -> matches(pattern, SourcePaths.text(a, path));
            }
            default -> {
                if (rule.value() == null) {
                    throw new IllegalArgumentException("value: is required");
                }
                String operand = fold(rule.value());
                yield switch (rule.operator()) {
                    case EQUALS -> a -> value(a, path).equals(operand);
                    case NOT_EQUALS -> a -> !value(a, path).equals(operand);
                    case CONTAINS -> a -> value(a, path).contains(operand);
                    case STARTS_WITH -> a -> value(a, path).startsWith(operand);
                    case ENDS_WITH -> a -> value(a, path).endsWith(operand);
                    default -> throw new IllegalStateException(rule.operator().name());
                };
            }
        };
    }

    private static boolean matches(Pattern pattern, String value) {
        try {
            return SafeRegex.find(pattern, value == null ? "" : value);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String value(JsonNode attributes, String path) {
        String text = SourcePaths.text(attributes, path);
        return text == null ? "" : fold(text.strip());
    }

    private static String fold(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
