package dev.roster.directory.contact;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.roster.directory.contact.ContactFields.Type;
import dev.roster.directory.schema.TenantSchemas;

/**
 * Turns request parameters (or a saved filter) into a {@link ContactQuery} for a tenant, checking every field
 * against that tenant's contact schema, system fields and the custom fields mapping-service published;
 * anything invalid is a 400 naming the parameter.
 */
@ApplicationScoped
public class ContactQueries {

    @Inject
    TenantSchemas schemas;

    public ContactQuery query(String tenant, List<String> filters, String search, UUID source, String sort) {
        Function<String, Type> types = types(tenant);
        return ContactQuery.of(tenant, ContactFilter.parse(filters, types), search, source, sort, types);
    }

    /** The type of each field of the tenant's schema; custom fields are read once, and only when asked for. */
    public Function<String, Type> types(String tenant) {
        return new Function<>() {

            private Map<String, Type> custom;

            @Override
            public Type apply(String field) {
                Type system = ContactFields.type(field);
                if (system != null) {
                    return system;
                }
                if (custom == null) {
                    custom = schemas.customFields(tenant);
                }
                return custom.get(field);
            }
        };
    }
}
