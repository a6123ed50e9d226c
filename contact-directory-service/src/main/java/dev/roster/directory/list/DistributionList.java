package dev.roster.directory.list;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A distribution list of a tenant. A static list keeps its members; a dynamic list keeps a {@link Selection}
 * that is resolved each time it is read, so it follows every sync.
 *
 * @param selection the saved filter of a dynamic list; null for a static list
 * @param version increases with every change of the list's definition; its ETag
 */
public record DistributionList(UUID id, String tenant, String name, String description, Type type,
        Selection selection, String createdBy, OffsetDateTime createdAt, OffsetDateTime updatedAt, long version) {

    @Schema(name = "ListType", description = "STATIC: members added and removed explicitly. DYNAMIC: the contacts"
            + " a saved filter selects whenever the list is read.")
    public enum Type {
        STATIC, DYNAMIC
    }
}
