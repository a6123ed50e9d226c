-- The uploaded file of each CSV integration: its metadata, and its bytes in chunks of about 1 MiB, so
-- that neither an upload nor a download ever holds the whole file in memory. An upload writes its chunks
-- under a new upload_id and, in the same transaction, points csv_file at them and deletes the previous
-- upload's chunks: the previous file stays readable until the new one is completely stored.
CREATE TABLE csv_file (
    integration_id UUID        PRIMARY KEY REFERENCES integration (id) ON DELETE CASCADE,
    upload_id      UUID        NOT NULL,
    name           TEXT,
    size_bytes     BIGINT      NOT NULL,
    line_count     BIGINT      NOT NULL,
    columns        JSONB       NOT NULL,
    delimiter      TEXT        NOT NULL,
    encoding       TEXT        NOT NULL,
    sha256         TEXT        NOT NULL,
    uploaded_at    TIMESTAMPTZ NOT NULL,
    uploaded_by    TEXT        NOT NULL
);

CREATE TABLE csv_file_chunk (
    integration_id UUID    NOT NULL REFERENCES integration (id) ON DELETE CASCADE,
    upload_id      UUID    NOT NULL,
    seq            INTEGER NOT NULL,
    data           BYTEA   NOT NULL,
    PRIMARY KEY (integration_id, upload_id, seq)
);
