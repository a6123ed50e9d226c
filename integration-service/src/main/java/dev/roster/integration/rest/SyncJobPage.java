package dev.roster.integration.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "SyncJobPage", description = "Jobs of an integration, newest first", example = """
        {"items": [{"id": "0b7e6a52-3f4c-4f1a-8d2e-5c6b7a8d9e01", "integrationId": "6f1c2a9e-4b7d-4c1e-9a53-2f8e0d7b1c44",
           "state": "SUCCEEDED", "mode": "FULL", "trigger": "SCHEDULE", "attempt": 1, "mappingVersion": 3,
           "counts": {"fetched": 10000, "created": 12, "updated": 80, "unchanged": 9908, "removed": 3,
                      "skippedExcluded": 40, "skippedInactive": 55, "failed": 0},
           "total": 10095, "percent": 100, "createdAt": "2026-11-22T08:00:00Z", "startedAt": "2026-11-22T08:00:01Z",
           "finishedAt": "2026-11-22T08:00:09Z"}],
         "nextCursor": null}""")
public record SyncJobPage(List<SyncJobResponse> items,
        @Schema(description = "Pass as cursor for the next page; absent on the last page") String nextCursor) {
}
