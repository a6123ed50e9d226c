package dev.roster.directory.list;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Which contacts, in the terms of the contacts API: {@code filter} ({@code field:operator[:value]}, all must
 * hold), a search {@code q} on names and email, and the {@code source} integration. Saved by dynamic lists, and
 * taken once when members are added or removed by filter.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Selection(List<String> filter, String q, UUID source) {

    public Selection {
        filter = filter == null ? List.of() : List.copyOf(filter);
        q = q == null || q.isBlank() ? null : q.strip();
    }

    /** True when it names no condition at all, and so would select every contact of the tenant. */
    public boolean isEmpty() {
        return filter.isEmpty() && q == null && source == null;
    }
}
