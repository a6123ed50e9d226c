package dev.roster.directory.contact;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

import dev.roster.commons.problem.ProblemException;
import dev.roster.directory.contact.ContactFields.Type;

/**
 * One condition on a contact field, written {@code field:operator[:value]} in a {@code filter} parameter.
 * Text fields: {@code eq}, {@code contains}, {@code startsWith} (the last two ignore case), {@code empty},
 * {@code notEmpty}. Date fields (yyyy-MM-dd): {@code eq}, {@code gt}, {@code gte}, {@code lt}, {@code lte},
 * {@code empty}, {@code notEmpty}.
 */
public record ContactFilter(String field, String operator, String value) {

    private static final Set<String> TEXT_OPERATORS = Set.of("eq", "contains", "startsWith", "empty", "notEmpty");
    private static final Set<String> DATE_OPERATORS = Set.of("eq", "gt", "gte", "lt", "lte", "empty", "notEmpty");
    private static final Set<String> UNARY = Set.of("empty", "notEmpty");

    /** Reads the {@code filter} parameters; anything that is not a valid filter is a 400 naming the parameter. */
    public static List<ContactFilter> parse(List<String> filters) {
        return filters == null ? List.of() : filters.stream().map(ContactFilter::parse).toList();
    }

    static ContactFilter parse(String filter) {
        String[] parts = filter.split(":", 3);
        if (parts.length < 2) {
            throw invalid(filter, "is not field:operator[:value]");
        }
        String field = parts[0];
        String operator = parts[1];
        Type type = ContactFields.type(field);
        if (type == null) {
            throw invalid(filter, "names no field of the contact schema: " + field);
        }
        Set<String> operators = type == Type.DATE ? DATE_OPERATORS : TEXT_OPERATORS;
        if (!operators.contains(operator)) {
            throw invalid(filter, "operator " + operator + " does not apply to " + type + " field " + field
                    + "; use one of " + operators.stream().sorted().toList());
        }
        if (UNARY.contains(operator)) {
            if (parts.length == 3) {
                throw invalid(filter, operator + " takes no value");
            }
            return new ContactFilter(field, operator, null);
        }
        if (parts.length < 3 || parts[2].isEmpty()) {
            throw invalid(filter, operator + " needs a value");
        }
        if (type == Type.DATE) {
            try {
                LocalDate.parse(parts[2]);
            } catch (DateTimeParseException e) {
                throw invalid(filter, "a date is written yyyy-MM-dd");
            }
        }
        return new ContactFilter(field, operator, parts[2]);
    }

    private static ProblemException invalid(String filter, String message) {
        return ProblemException.invalidField("filter", "'" + filter + "' " + message);
    }

    /** The SQL condition on table alias {@code c}; its value, if any, is one bind parameter. */
    String sql() {
        String column = "c.fields ->> '" + field + "'";
        return switch (operator) {
            case "eq" -> column + " = ?";
            case "contains", "startsWith" -> column + " ILIKE ?";
            case "gt" -> column + " > ?";
            case "gte" -> column + " >= ?";
            case "lt" -> column + " < ?";
            case "lte" -> column + " <= ?";
            case "empty" -> column + " IS NULL";
            case "notEmpty" -> column + " IS NOT NULL";
            default -> throw new IllegalStateException(operator);
        };
    }

    /** The bind value of {@link #sql()}, or null when it has none. */
    String bind() {
        return switch (operator) {
            case "contains" -> "%" + escapeLike(value) + "%";
            case "startsWith" -> escapeLike(value) + "%";
            case "empty", "notEmpty" -> null;
            default -> value;
        };
    }

    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
