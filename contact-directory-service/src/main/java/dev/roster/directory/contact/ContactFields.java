package dev.roster.directory.contact;

import java.util.LinkedHashMap;
import java.util.Map;

/** The system fields of every tenant's contact schema and their types. */
public final class ContactFields {

    public enum Type {
        TEXT, NUMBER, DATE
    }

    public static final Map<String, Type> SYSTEM;

    static {
        Map<String, Type> fields = new LinkedHashMap<>();
        for (String text : new String[]{"email", "firstName", "lastName", "displayName", "jobTitle", "department",
                "officeLocation", "city", "country", "phone", "mobilePhone", "employeeId", "managerEmail",
                "preferredLanguage"}) {
            fields.put(text, Type.TEXT);
        }
        fields.put("hireDate", Type.DATE);
        SYSTEM = Map.copyOf(fields);
    }

    private ContactFields() {
    }

    /** The type of a field, or null when the schema has no such field. */
    public static Type type(String field) {
        return SYSTEM.get(field);
    }
}
