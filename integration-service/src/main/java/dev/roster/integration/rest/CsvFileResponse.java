package dev.roster.integration.rest;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.roster.integration.domain.CsvFile;

@Schema(name = "CsvFile", description = "The file a CSV integration reads, as it was uploaded", example = """
        {"integrationId": "6f1c2a9e-4b7d-4c1e-9a53-2f8e0d7b1c44", "name": "Mitarbeiter München.csv",
         "sizeBytes": 48213, "lineCount": 501, "columns": ["employeeId", "email", "firstName", "lastName", "status"],
         "delimiter": ";", "encoding": "windows-1252",
         "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
         "uploadedAt": "2026-11-22T09:14:03.120455Z", "uploadedBy": "alice"}""")
public record CsvFileResponse(
        UUID integrationId,
        @Schema(description = "The name the client gave the file, if any") String name,
        @Schema(description = "Size in bytes") long sizeBytes,
        @Schema(description = "Physical lines, the header's included; more than the rows when quoted values span lines") long lineCount,
        @Schema(description = "The header's column names") List<String> columns,
        @Schema(description = "The delimiter the header was read with: the connection's at upload time") String delimiter,
        @Schema(description = "The encoding the header was read with: the connection's at upload time") String encoding,
        @Schema(description = "Hex SHA-256 of the bytes; also the ETag") String sha256,
        OffsetDateTime uploadedAt,
        @Schema(description = "The subject of the token that uploaded it") String uploadedBy) {

    static CsvFileResponse of(CsvFile file) {
        return new CsvFileResponse(file.integrationId, file.name, file.sizeBytes, file.lineCount, file.columns,
                file.delimiter, file.encoding, file.sha256, file.uploadedAt, file.uploadedBy);
    }
}
