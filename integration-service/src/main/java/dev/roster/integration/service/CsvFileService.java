package dev.roster.integration.service;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotNull;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;

import dev.roster.commons.problem.ProblemException;
import dev.roster.integration.config.CsvFileConfig;
import dev.roster.integration.connection.ConnectionReader;
import dev.roster.integration.connection.CsvConnection;
import dev.roster.integration.domain.CsvFile;
import dev.roster.integration.domain.Integration;
import dev.roster.integration.domain.SourceType;

/**
 * The uploaded file of a CSV integration. Its bytes go from the request straight into PostgreSQL in bytea
 * chunks of {@value #CHUNK_BYTES} bytes, and back out the same way, so memory holds one chunk whatever the
 * file's size. Chunks rather than large objects: they are ordinary rows, so they take part in the upload's
 * transaction, go away with their integration (ON DELETE CASCADE), and need no {@code lo_unlink}.
 */
@ApplicationScoped
public class CsvFileService {

    private static final Logger LOG = Logger.getLogger(CsvFileService.class);

    static final int CHUNK_BYTES = 1 << 20;

    private static final String INSERT_CHUNK = "INSERT INTO csv_file_chunk (integration_id, upload_id, seq, data)"
            + " VALUES (?, ?, ?, ?)";
    private static final String UPSERT_FILE = """
            INSERT INTO csv_file (integration_id, upload_id, name, size_bytes, line_count, columns, delimiter,
                                  encoding, sha256, uploaded_at, uploaded_by)
            VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?, ?, ?)
            ON CONFLICT (integration_id) DO UPDATE SET upload_id = EXCLUDED.upload_id, name = EXCLUDED.name,
                size_bytes = EXCLUDED.size_bytes, line_count = EXCLUDED.line_count, columns = EXCLUDED.columns,
                delimiter = EXCLUDED.delimiter, encoding = EXCLUDED.encoding, sha256 = EXCLUDED.sha256,
                uploaded_at = EXCLUDED.uploaded_at, uploaded_by = EXCLUDED.uploaded_by""";
    private static final String DELETE_OTHER_UPLOADS = "DELETE FROM csv_file_chunk WHERE integration_id = ?"
            + " AND upload_id <> ?";
    private static final String SELECT_CHUNKS = "SELECT data FROM csv_file_chunk WHERE integration_id = ?"
            + " AND upload_id = ? ORDER BY seq";

    @Inject
    IntegrationService integrations;

    @Inject
    ConnectionReader connections;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    CsvFileConfig config;

    @Inject
    ObjectMapper mapper;

    /** A stored upload, and whether it replaced an earlier file. */
    public record Stored(CsvFile file, boolean replaced) {
    }

    /**
     * Stores the body as the integration's file and asks the worker to discover its fields, all in one
     * transaction: a refused or broken upload leaves nothing behind, and the previous file stays until this
     * one is complete. The transaction is opened here, with {@code roster.csv.transfer-timeout}, because it
     * lasts as long as the client takes to send the file.
     */
    public Stored upload(@NotNull String tenantId, @NotNull String subject, @NotNull UUID integrationId, String name,
            Long contentLength, @NotNull InputStream body) {
        return QuarkusTransaction.requiringNew().timeout(timeoutSeconds())
                .call(() -> store(tenantId, subject, integrationId, name, contentLength, body));
    }

    /** The file of an integration of the caller's tenant. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public CsvFile get(@NotNull String tenantId, @NotNull UUID integrationId) {
        return fileOf(integrations.get(tenantId, integrationId));
    }

    /** The file of any integration: only for the worker's service account. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public CsvFile getForWorker(@NotNull UUID integrationId) {
        Integration integration = Integration.<Integration>findByIdOptional(integrationId)
                .orElseThrow(() -> ProblemException.notFound("integration", integrationId));
        return fileOf(integration);
    }

    /**
     * Writes the file's bytes, a chunk at a time. Fails when they are not all there: the file was replaced
     * after {@code file} was read, and the reader must start again.
     */
    public void copy(@NotNull CsvFile file, @NotNull OutputStream out) throws IOException {
        try {
            QuarkusTransaction.requiringNew().timeout(timeoutSeconds()).run(() -> sendChunks(file, out));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private Stored store(String tenantId, String subject, UUID integrationId, String name, Long contentLength,
            InputStream body) {
        Integration integration = integrations.get(tenantId, integrationId);
        if (integration.sourceType != SourceType.CSV) {
            throw ProblemException.conflict("integration " + integrationId + " reads from " + integration.sourceType
                    + "; only a CSV integration takes an uploaded file");
        }
        long maxSize = config.maxFileSize().asLongValue();
        if (contentLength != null && contentLength > maxSize) {
            throw CsvFileScan.tooLarge(maxSize);
        }
        CsvConnection settings = (CsvConnection) connections.fromStored(SourceType.CSV, integration.connection);
        CsvFileScan scan = new CsvFileScan(maxSize, settings.encoding(), settings.delimiter().charAt(0));
        CsvFile file = new CsvFile();
        file.integrationId = integrationId;
        file.uploadId = UUID.randomUUID();
        try (Connection connection = dataSource.getConnection()) {
            storeChunks(connection, file, scan, body);
            file.name = name;
            file.columns = scan.finish();
            file.sizeBytes = scan.size();
            file.lineCount = scan.lines();
            file.sha256 = scan.sha256();
            file.delimiter = settings.delimiter();
            file.encoding = settings.encoding();
            file.uploadedAt = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
            file.uploadedBy = subject;
            boolean replaced = replace(connection, file);
            integrations.publishDiscoveryRequested(integration, file.uploadedAt);
            LOG.infof("File of integration %s %s by %s: %d bytes, %d columns", integrationId,
                    replaced ? "replaced" : "uploaded", subject, file.sizeBytes, file.columns.size());
            return new Stored(file, replaced);
        } catch (SQLException e) {
            throw new IllegalStateException("storing the file of integration " + integrationId + " failed", e);
        }
    }

    private void storeChunks(Connection connection, CsvFile file, CsvFileScan scan, InputStream body)
            throws SQLException {
        byte[] chunk = new byte[CHUNK_BYTES];
        try (PreparedStatement insert = connection.prepareStatement(INSERT_CHUNK)) {
            insert.setObject(1, file.integrationId);
            insert.setObject(2, file.uploadId);
            for (int seq = 0;; seq++) {
                int length = body.readNBytes(chunk, 0, CHUNK_BYTES);
                if (length == 0) {
                    return;
                }
                scan.accept(chunk, length);
                insert.setInt(3, seq);
                insert.setBinaryStream(4, new ByteArrayInputStream(chunk, 0, length), length);
                insert.executeUpdate();
                if (length < CHUNK_BYTES) {
                    return;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the upload broke off", e);
        }
    }

    /** Points the file at the new chunks and drops the old ones; true when there was a file before. */
    private boolean replace(Connection connection, CsvFile file) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT_FILE);
                PreparedStatement delete = connection.prepareStatement(DELETE_OTHER_UPLOADS)) {
            upsert.setObject(1, file.integrationId);
            upsert.setObject(2, file.uploadId);
            upsert.setString(3, file.name);
            upsert.setLong(4, file.sizeBytes);
            upsert.setLong(5, file.lineCount);
            upsert.setString(6, json(file.columns));
            upsert.setString(7, file.delimiter);
            upsert.setString(8, file.encoding);
            upsert.setString(9, file.sha256);
            upsert.setObject(10, file.uploadedAt);
            upsert.setString(11, file.uploadedBy);
            upsert.executeUpdate();
            delete.setObject(1, file.integrationId);
            delete.setObject(2, file.uploadId);
            return delete.executeUpdate() > 0;
        }
    }

    private void sendChunks(CsvFile file, OutputStream out) {
        long written = 0;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(SELECT_CHUNKS)) {
            select.setFetchSize(1); // a cursor: one chunk in memory at a time
            select.setObject(1, file.integrationId);
            select.setObject(2, file.uploadId);
            try (ResultSet chunks = select.executeQuery()) {
                while (chunks.next()) {
                    byte[] chunk = chunks.getBytes(1);
                    out.write(chunk);
                    written += chunk.length;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the file of integration " + file.integrationId + " failed", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (written != file.sizeBytes) {
            throw new UncheckedIOException(new IOException("the file of integration " + file.integrationId
                    + " was replaced while it was read; read it again"));
        }
    }

    private static CsvFile fileOf(Integration integration) {
        return CsvFile.of(integration.id).orElseThrow(() -> ProblemException.of(404, "not-found", "Not found",
                integration.sourceType == SourceType.CSV
                        ? "integration " + integration.id
                                + " has no file yet: upload one with PUT /api/v1/integrations/"
                                + integration.id + "/file"
                        : "integration " + integration.id + " reads from " + integration.sourceType
                                + "; only a CSV integration has a file"));
    }

    private String json(List<String> columns) {
        try {
            return mapper.writeValueAsString(columns);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("column names are always JSON", e);
        }
    }

    private int timeoutSeconds() {
        return (int) Math.max(1, config.transferTimeout().toSeconds());
    }
}
