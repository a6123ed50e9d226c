package dev.roster.directory.contact;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns request parameters (or a saved filter) into a {@link ContactQuery} for a tenant, checking every field
 * against that tenant's contact schema; anything invalid is a 400 naming the parameter.
 */
@ApplicationScoped
public class ContactQueries {

    public ContactQuery query(String tenant, List<String> filters, String search, UUID source, String sort) {
        return ContactQuery.of(tenant, ContactFilter.parse(filters), search, source, sort);
    }
}
