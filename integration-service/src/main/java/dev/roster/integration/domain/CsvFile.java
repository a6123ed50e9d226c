package dev.roster.integration.domain;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * The file a CSV integration reads, as it was uploaded. Its bytes live in {@code csv_file_chunk} under
 * {@link #uploadId}; they are written and read with plain JDBC, a chunk at a time, never as one entity.
 */
@Entity
@Table(name = "csv_file")
public class CsvFile extends PanacheEntityBase {

    @Id
    @Column(name = "integration_id")
    public UUID integrationId;

    @Column(name = "upload_id", nullable = false)
    public UUID uploadId;

    /** The name the client gave the file, if it gave one. */
    public String name;

    @Column(name = "size_bytes", nullable = false)
    public long sizeBytes;

    /** Physical lines, the header's included: an upper bound of the rows when quoted values span lines. */
    @Column(name = "line_count", nullable = false)
    public long lineCount;

    /** The header's column names, read with the delimiter and encoding below. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<String> columns;

    @Column(nullable = false)
    public String delimiter;

    @Column(nullable = false)
    public String encoding;

    /** Hex SHA-256 of the bytes: the file's ETag. */
    @Column(nullable = false)
    public String sha256;

    @Column(name = "uploaded_at", nullable = false)
    public OffsetDateTime uploadedAt;

    @Column(name = "uploaded_by", nullable = false)
    public String uploadedBy;

    public static Optional<CsvFile> of(UUID integrationId) {
        return findByIdOptional(integrationId);
    }
}
