package dev.roster.mappingrules;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import dev.roster.commons.events.ContactUpsertBatch.ContactUpsert;
import dev.roster.commons.events.RecordErrors.RecordError;

/**
 * Applies a mapping to one source record and checks the result: a record without a valid unique ID, or with
 * a value its field's type cannot hold (an invalid email, an unparseable number or date, text too long),
 * becomes errors naming the contact field and the source field; the sync goes on with the next record.
 */
public final class RecordMapper {

    /** Longest text a contact field holds. */
    public static final int MAX_TEXT = 1024;

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+");

    private RecordMapper() {
    }

    /** A contact, or why the record could not become one. */
    public record Result(ContactUpsert contact, List<RecordError> errors) {

        public boolean ok() {
            return contact != null;
        }
    }

    /** The contact a source record becomes (its id, its attributes), or the errors that prevent it. */
    public static Result map(String recordId, JsonNode attributes, Mapping mapping) {
        Map<String, String> fields = new LinkedHashMap<>();
        List<RecordError> errors = null;
        for (FieldMapping field : mapping.fields()) {
            String source = null;
            String raw = null;
            for (String path : field.sources()) {
                raw = SourcePaths.text(attributes, path);
                if (raw != null) {
                    source = path;
                    break;
                }
            }
            if (source == null) {
                source = field.sources().get(0);
            }
            try {
                for (Transformation step : field.transformations()) {
                    raw = step.apply(raw, attributes);
                }
            } catch (IllegalArgumentException e) {
                errors = add(errors, new RecordError(recordId, field.target(),
                        e.getMessage() + " (source field '" + source + "')"));
                continue;
            }
            boolean unique = field.target().equals(mapping.uniqueIdField());
            if (raw == null) {
                if (unique) {
                    errors = add(errors, new RecordError(recordId, field.target(), "no value for the unique"
                            + " contact ID field '" + field.target() + "' (source field "
                            + describe(field.sources()) + ")"));
                }
                continue;
            }
            String problem = null;
            String value = null;
            try {
                value = convert(field.type(), raw.strip());
            } catch (IllegalArgumentException e) {
                problem = e.getMessage();
            }
            if (problem != null) {
                errors = add(errors, new RecordError(recordId, field.target(),
                        problem + " (source field '" + source + "')"));
            } else {
                fields.put(field.target(), value);
            }
        }
        if (errors != null) {
            return new Result(null, errors);
        }
        String uniqueId = fields.get(mapping.uniqueIdField());
        return new Result(new ContactUpsert(recordId, uniqueId, fields), List.of());
    }

    static String convert(FieldType type, String value) {
        return switch (type) {
            case TEXT -> {
                if (value.length() > MAX_TEXT) {
                    throw new IllegalArgumentException("text of " + value.length() + " characters is longer than "
                            + MAX_TEXT);
                }
                yield value;
            }
            case EMAIL -> {
                if (value.length() > 254 || !EMAIL.matcher(value).matches()) {
                    throw new IllegalArgumentException("'" + abbreviate(value) + "' is not a valid email address");
                }
                yield value.toLowerCase(Locale.ROOT);
            }
            case NUMBER -> {
                try {
                    yield new BigDecimal(value).stripTrailingZeros().toPlainString();
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + abbreviate(value) + "' is not a number");
                }
            }
            case DATE -> date(value).toString();
        };
    }

    /** {@code 2019-03-14}, or a date-time such as {@code 2019-03-14T00:00:00Z}, by its date. */
    static LocalDate date(String value) {
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value);
            }
            if (value.length() > 10 && value.charAt(10) == 'T') {
                try {
                    return OffsetDateTime.parse(value).toLocalDate();
                } catch (DateTimeParseException e) {
                    return java.time.LocalDateTime.parse(value).toLocalDate();
                }
            }
        } catch (DateTimeParseException e) {
            // fall through
        }
        throw new IllegalArgumentException("'" + abbreviate(value) + "' is not a date (yyyy-MM-dd)");
    }

    private static List<RecordError> add(List<RecordError> errors, RecordError error) {
        List<RecordError> list = errors == null ? new ArrayList<>(2) : errors;
        list.add(error);
        return list;
    }

    private static String describe(List<String> sources) {
        return sources.size() == 1 ? "'" + sources.get(0) + "'" : "any of " + sources;
    }

    static String abbreviate(String value) {
        return value.length() <= 80 ? value : value.substring(0, 77) + "...";
    }
}
