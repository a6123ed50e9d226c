package dev.roster.directory.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ListPage", description = "One page of distribution lists, by name", example = """
        {"items": [{"id": "9e2b4c71-3d5f-4a8e-b6c0-1f7a2d9e5b34", "name": "Engineering all-hands",
           "type": "DYNAMIC", "filter": ["department:eq:Engineering"], "memberCount": 312,
           "createdBy": "4d1e0c2b-admin", "createdAt": "2026-11-23T08:00:00Z", "updatedAt": "2026-11-23T08:00:00Z"},
          {"id": "2c5e8a13-7f4b-4d96-8e21-b3a0c6d9f752", "name": "Offsite 2027", "type": "STATIC",
           "memberCount": 24, "createdBy": "4d1e0c2b-admin", "createdAt": "2026-11-23T09:00:00Z",
           "updatedAt": "2026-11-23T09:00:00Z"}],
         "nextCursor": "b2Zmc2l0ZSAyMDI3"}""")
public record ListPage(
        List<ListResponse> items,
        @Schema(description = "Pass as cursor for the next page; absent on the last page") String nextCursor) {
}
