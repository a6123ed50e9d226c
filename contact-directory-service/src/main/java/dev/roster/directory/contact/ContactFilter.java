package dev.roster.directory.contact;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import dev.roster.commons.problem.ProblemException;
import dev.roster.directory.contact.ContactFields.Type;

/**
 * One condition on a contact field, system or custom, written {@code field:operator[:value]} in a
 * {@code filter} parameter. Text fields: {@code eq}, {@code contains}, {@code startsWith} (the last two ignore
 * case), {@code empty}, {@code notEmpty}. Date fields (yyyy-MM-dd) and number fields: {@code eq}, {@code gt},
 * {@code gte}, {@code lt}, {@code lte}, {@code empty}, {@code notEmpty}; numbers compare as numbers.
 */
public record ContactFilter(String field, Type type, String operator, String value) {

    private static final Set<String> TEXT_OPERATORS = Set.of("eq", "contains", "startsWith", "empty", "notEmpty");
    private static final Set<String> RANGE_OPERATORS = Set.of("eq", "gt", "gte", "lt", "lte", "empty", "notEmpty");
    private static final Set<String> UNARY = Set.of("empty", "notEmpty");

    /** Reads the {@code filter} parameters; anything that is not a valid filter is a 400 naming the parameter. */
    public static List<ContactFilter> parse(List<String> filters, Function<String, Type> types) {
        return filters == null ? List.of() : filters.stream().map(f -> parse(f, types)).toList();
    }

    static ContactFilter parse(String filter, Function<String, Type> types) {
        String[] parts = filter.split(":", 3);
        if (parts.length < 2) {
            throw invalid(filter, "is not field:operator[:value]");
        }
        String field = parts[0];
        String operator = parts[1];
        Type type = types.apply(field);
        if (type == null) {
            throw invalid(filter, "names no field of the contact schema: " + field);
        }
        Set<String> operators = type == Type.TEXT ? TEXT_OPERATORS : RANGE_OPERATORS;
        if (!operators.contains(operator)) {
            throw invalid(filter, "operator " + operator + " does not apply to " + type + " field " + field
                    + "; use one of " + operators.stream().sorted().toList());
        }
        if (UNARY.contains(operator)) {
            if (parts.length == 3) {
                throw invalid(filter, operator + " takes no value");
            }
            return new ContactFilter(field, type, operator, null);
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
        if (type == Type.NUMBER) {
            try {
                return new ContactFilter(field, type, operator, new BigDecimal(parts[2]).toPlainString());
            } catch (NumberFormatException e) {
                throw invalid(filter, "a number is written like 42 or -3.5");
            }
        }
        return new ContactFilter(field, type, operator, parts[2]);
    }

    private static ProblemException invalid(String filter, String message) {
        return ProblemException.invalidField("filter", "'" + filter + "' " + message);
    }

    /** The SQL condition on table alias {@code c}; its value, if any, is one bind parameter. */
    String sql() {
        String text = "c.fields ->> '" + field + "'";
        String column = type == Type.NUMBER ? number(field) : text;
        String value = type == Type.NUMBER ? "?::numeric" : "?";
        return switch (operator) {
            case "eq" -> column + " = " + value;
            case "contains", "startsWith" -> column + " ILIKE ?";
            case "gt" -> column + " > " + value;
            case "gte" -> column + " >= " + value;
            case "lt" -> column + " < " + value;
            case "lte" -> column + " <= " + value;
            case "empty" -> text + " IS NULL";
            case "notEmpty" -> text + " IS NOT NULL";
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

    /** A number field's value as a number; null where the stored text is not one, so no row fails a cast. */
    static String number(String field) {
        String text = "c.fields ->> '" + field + "'";
        return "(CASE WHEN " + text + " ~ '^-?[0-9]+(\\.[0-9]+)?$' THEN (" + text + ")::numeric END)";
    }

    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
