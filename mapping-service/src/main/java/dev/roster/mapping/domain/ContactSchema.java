package dev.roster.mapping.domain;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.roster.commons.events.MappingPublished.TargetType;

/** The fixed system fields of every tenant's contacts, and the types a contact field can have. */
public final class ContactSchema {

    /** The types an admin can give a field; an email is checked as one but is TEXT in the schema. */
    public enum FieldType {
        TEXT, NUMBER, DATE
    }

    /** One contact field; {@code check} is how a mapped value is checked. */
    public record Field(String key, String label, FieldType type, TargetType check) {
    }

    public static final List<Field> SYSTEM_FIELDS = List.of(
            new Field("email", "Email", FieldType.TEXT, TargetType.EMAIL),
            new Field("firstName", "First name", FieldType.TEXT, TargetType.TEXT),
            new Field("lastName", "Last name", FieldType.TEXT, TargetType.TEXT),
            new Field("displayName", "Display name", FieldType.TEXT, TargetType.TEXT),
            new Field("jobTitle", "Job title", FieldType.TEXT, TargetType.TEXT),
            new Field("department", "Department", FieldType.TEXT, TargetType.TEXT),
            new Field("officeLocation", "Office location", FieldType.TEXT, TargetType.TEXT),
            new Field("city", "City", FieldType.TEXT, TargetType.TEXT),
            new Field("country", "Country", FieldType.TEXT, TargetType.TEXT),
            new Field("phone", "Phone", FieldType.TEXT, TargetType.TEXT),
            new Field("mobilePhone", "Mobile phone", FieldType.TEXT, TargetType.TEXT),
            new Field("employeeId", "Employee ID", FieldType.TEXT, TargetType.TEXT),
            new Field("managerEmail", "Manager email", FieldType.TEXT, TargetType.EMAIL),
            new Field("hireDate", "Hire date", FieldType.DATE, TargetType.DATE),
            new Field("preferredLanguage", "Preferred language", FieldType.TEXT, TargetType.TEXT));

    private static final Map<String, Field> BY_KEY = SYSTEM_FIELDS.stream()
            .collect(Collectors.toMap(Field::key, Function.identity()));

    private ContactSchema() {
    }

    public static Optional<Field> system(String key) {
        return Optional.ofNullable(BY_KEY.get(key));
    }

    /** Whether a label reads like a system field's (case and spacing aside). */
    public static Optional<Field> systemFieldLabelled(String label) {
        String wanted = normalize(label);
        return SYSTEM_FIELDS.stream().filter(f -> normalize(f.label()).equals(wanted)
                || normalize(f.key()).equals(wanted)).findFirst();
    }

    public static Field of(CustomField custom) {
        return new Field(custom.key, custom.label, custom.type, TargetType.valueOf(custom.type.name()));
    }

    public static String normalize(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }
}
