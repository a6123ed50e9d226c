package dev.roster.mappingrules;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import dev.roster.commons.events.MappingPublished;

/**
 * One step from a source value towards a contact value. The set is small and safe on purpose: no scripting.
 * A step receives null when no source has a value (only JOIN and DEFAULT make something of that), and
 * throws {@link IllegalArgumentException} when the value cannot be transformed (the record then fails).
 */
@FunctionalInterface
public interface Transformation {

    int MAX_FORMAT = 50;

    String apply(String value, JsonNode attributes);

    /**
     * The step a published transformation describes; {@link IllegalArgumentException} naming the parameter
     * ({@code pattern: ...}) when it is incomplete or unsafe.
     */
    static Transformation of(MappingPublished.Transformation t) {
        if (t == null || t.kind() == null) {
            throw new IllegalArgumentException("kind: is required");
        }
        return switch (t.kind()) {
            case TRIM -> (v, a) -> v == null ? null : blankToNull(v.strip());
            case LOWER_CASE -> (v, a) -> v == null ? null : v.toLowerCase(Locale.ROOT);
            case UPPER_CASE -> (v, a) -> v == null ? null : v.toUpperCase(Locale.ROOT);
            case JOIN -> join(t.fields(), t.separator());
            case REPLACE -> replace(t.pattern(), t.replacement());
            case DEFAULT -> {
                String fallback = required("value", t.value());
                yield (v, a) -> v == null || v.isBlank() ? fallback : v;
            }
            case PARSE_DATE -> parseDate(t.format());
        };
    }

    private static Transformation join(List<String> fields, String separator) {
        if (fields == null || fields.isEmpty() || fields.stream().anyMatch(f -> f == null || f.isBlank())) {
            throw new IllegalArgumentException("fields: name the source fields to join");
        }
        List<String> others = List.copyOf(fields);
        String glue = separator == null ? " " : separator;
        return (v, attributes) -> {
            List<String> parts = new ArrayList<>(others.size() + 1);
            if (v != null) {
                parts.add(v);
            }
            for (String field : others) {
                String part = SourcePaths.text(attributes, field);
                if (part != null) {
                    parts.add(part);
                }
            }
            return parts.isEmpty() ? null : String.join(glue, parts);
        };
    }

    private static Transformation replace(String regex, String replacement) {
        Pattern pattern;
        try {
            pattern = SafeRegex.compile(regex);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("pattern: " + e.getMessage());
        }
        String literal = replacement == null ? "" : replacement;
        return (v, a) -> v == null ? null : blankToNull(SafeRegex.replaceAll(pattern, v, literal));
    }

    private static Transformation parseDate(String format) {
        DateTimeFormatter formatter;
        String pattern = required("format", format);
        if (pattern.length() > MAX_FORMAT) {
            throw new IllegalArgumentException("format: at most " + MAX_FORMAT + " characters");
        }
        try {
            formatter = DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("format: not a date pattern: " + e.getMessage());
        }
        return (v, a) -> {
            if (v == null) {
                return null;
            }
            try {
                return LocalDate.parse(v.strip(), formatter).toString();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + RecordMapper.abbreviate(v) + "' is not a date in the format "
                        + pattern);
            }
        };
    }

    private static String required(String parameter, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(parameter + ": is required");
        }
        return value;
    }

    private static String blankToNull(String value) {
        return value.isBlank() ? null : value;
    }
}
