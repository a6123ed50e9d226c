-- Analyze the contact tables after 2% of their rows changed (the default waits for 10%): a directory that
-- grows by syncs keeps plans that fit its size. A big sync also asks for an ANALYZE when it completes.
ALTER TABLE contact SET (autovacuum_analyze_scale_factor = 0.02);
ALTER TABLE contact_link SET (autovacuum_analyze_scale_factor = 0.02);
