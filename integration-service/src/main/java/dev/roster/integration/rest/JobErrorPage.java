package dev.roster.integration.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "JobErrorPage", description = "Records a job could not import", example = """
        {"items": [{"sourceRecordId": "5f9b2c1e", "field": "hireDate", "reason": "'31.02.2020' is not a date"},
                   {"sourceRecordId": "77ad01f3", "field": "email", "reason": "no unique ID: email is empty"}],
         "nextCursor": "MTA0ODU3Ng"}""")
public record JobErrorPage(List<JobError> items,
        @Schema(description = "Pass as cursor for the next page; absent on the last page") String nextCursor) {

    @Schema(name = "JobError")
    public record JobError(
            @Schema(description = "The record's id at the source") String sourceRecordId,
            @Schema(description = "The field to blame, if one is") String field,
            String reason) {
    }
}
