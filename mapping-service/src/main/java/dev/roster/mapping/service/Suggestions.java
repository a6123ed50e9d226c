package dev.roster.mapping.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.roster.commons.events.FieldsDiscovered.DiscoveredField;
import dev.roster.commons.events.FieldsDiscovered.FieldType;
import dev.roster.mapping.domain.ContactSchema;
import dev.roster.mapping.domain.IntegrationMapping.FieldMapping;
import dev.roster.mappingrules.DefaultMappings;

/**
 * The mapping offered when a source's fields are first discovered: each discovered field goes to the system
 * field it is named after, by the source type's known field names first (the worker's built-in defaults),
 * then by common spellings of any source ({@code mail}, {@code publicEmailAddress}, {@code FirstName}...),
 * when its samples look like the target's type (an email has an @, a date target needs date samples).
 */
final class Suggestions {

    private static final Map<String, List<String>> ALIASES = Map.ofEntries(
            Map.entry("email", List.of("email", "mail", "emailaddress", "publicemailaddress", "primaryworkemail",
                    "workemail", "emailaddresswork", "emailsvalue", "username", "userprincipalname")),
            Map.entry("firstName", List.of("firstname", "givenname", "namegivenname", "forename",
                    "preferrednamefirstname", "legalnamefirstname")),
            Map.entry("lastName", List.of("lastname", "surname", "familyname", "namefamilyname",
                    "legalnamelastname")),
            Map.entry("displayName", List.of("displayname", "fullname", "name", "descriptor")),
            Map.entry("jobTitle", List.of("jobtitle", "title", "position", "businesstitle")),
            Map.entry("department", List.of("department", "dept")),
            Map.entry("officeLocation", List.of("officelocation", "office", "location", "worklocation")),
            Map.entry("city", List.of("city", "mailingcity", "profilecity")),
            Map.entry("country", List.of("country", "mailingcountry", "profilecountry")),
            Map.entry("phone", List.of("phone", "phonenumber", "businessphones", "workphone", "primaryworkphone")),
            Map.entry("mobilePhone", List.of("mobilephone", "mobile", "cellphone")),
            Map.entry("employeeId", List.of("employeeid", "employeenumber", "externalid", "personnelnumber")),
            Map.entry("managerEmail", List.of("manageremail", "managermail")),
            Map.entry("hireDate", List.of("hiredate", "employeehiredate", "startdate", "profilehiredate")),
            Map.entry("preferredLanguage", List.of("preferredlanguage", "language", "locale")));

    private Suggestions() {
    }

    static List<FieldMapping> suggest(String sourceType, List<DiscoveredField> discovered) {
        Map<String, DiscoveredField> byName = new HashMap<>();
        discovered.forEach(f -> byName.put(f.name(), f));
        Map<String, String> targetOf = new HashMap<>();
        Set<String> taken = new HashSet<>();
        for (dev.roster.mappingrules.FieldMapping known : defaults(sourceType)) {
            for (String path : known.sources()) {
                DiscoveredField field = byName.get(path);
                if (field != null && !targetOf.containsKey(path) && fits(known.target(), field)
                        && taken.add(known.target())) {
                    targetOf.put(path, known.target());
                    break;
                }
            }
        }
        for (DiscoveredField field : discovered) {
            if (targetOf.containsKey(field.name())) {
                continue;
            }
            String name = ContactSchema.normalize(field.name());
            for (ContactSchema.Field target : ContactSchema.SYSTEM_FIELDS) {
                if (!taken.contains(target.key()) && ALIASES.get(target.key()).contains(name)
                        && fits(target.key(), field)) {
                    targetOf.put(field.name(), target.key());
                    taken.add(target.key());
                    break;
                }
            }
        }
        List<FieldMapping> fields = new ArrayList<>();
        for (DiscoveredField field : discovered) {
            fields.add(new FieldMapping(field.name(), targetOf.get(field.name()), List.of()));
        }
        return fields;
    }

    private static List<dev.roster.mappingrules.FieldMapping> defaults(String sourceType) {
        try {
            return DefaultMappings.forSource(sourceType).fields();
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }

    /** Whether the samples look like what the target holds. */
    private static boolean fits(String target, DiscoveredField field) {
        Optional<ContactSchema.Field> system = ContactSchema.system(target);
        if (system.isEmpty()) {
            return false;
        }
        return switch (system.get().check()) {
            case EMAIL -> field.samples().isEmpty() || field.samples().stream().allMatch(s -> s.contains("@"));
            case DATE -> field.type() == FieldType.DATE || field.samples().isEmpty();
            case NUMBER -> field.type() == FieldType.NUMBER;
            case TEXT -> field.type() != FieldType.BOOLEAN;
        };
    }
}
