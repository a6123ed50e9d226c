package dev.roster.worker.run;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;

import dev.roster.commons.events.ContactUpsertBatch;
import dev.roster.commons.events.ContactUpsertBatch.ContactUpsert;
import dev.roster.commons.events.EventTypes;
import dev.roster.commons.events.JobStarted;
import dev.roster.commons.events.RecordErrors;
import dev.roster.commons.events.RecordErrors.RecordError;
import dev.roster.commons.events.SyncRequested.SyncMode;
import dev.roster.commons.events.Topics;
import dev.roster.mappingrules.Mapping;
import dev.roster.mappingrules.RecordMapper;
import dev.roster.worker.access.IntegrationServiceClient;
import dev.roster.worker.access.IntegrationServiceClient.IntegrationGoneException;
import dev.roster.worker.access.SourceAccess;
import dev.roster.worker.config.WorkerConfig;
import dev.roster.worker.connector.Connectors;
import dev.roster.worker.connector.PrefetchingReader;
import dev.roster.worker.connector.SourceException;
import dev.roster.worker.connector.SourceException.Kind;
import dev.roster.worker.connector.SourcePage;
import dev.roster.worker.connector.SourcePage.UnreadableRecord;
import dev.roster.worker.connector.SourceRecord;
import dev.roster.worker.mapping.Mappings;
import dev.roster.worker.run.RunClaim.Counts;
import dev.roster.worker.source.SourceStateService;

/**
 * Runs one sync job: reads the source page by page, leaves out inactive and excluded people (counted),
 * maps and validates the rest, sends the contacts in numbered batches to roster.contact-commands and the
 * records that failed as RecordErrors, checkpoints its cursor every few seconds, and ends with
 * {@code SyncEnded}. Only a page is held in memory at a time, whatever the source's size.
 */
@ApplicationScoped
public class JobRunner {

    private static final Logger LOG = Logger.getLogger(JobRunner.class);

    @Inject
    WorkerConfig config;

    @Inject
    SyncRunStore store;

    @Inject
    JobEnding ending;

    @Inject
    EventSender sender;

    @Inject
    ProgressReporter progress;

    @Inject
    IntegrationServiceClient integrationService;

    @Inject
    Connectors connectors;

    @Inject
    Mappings mappings;

    @Inject
    SourceStateService sources;

    @Inject
    WorkerIdentity identity;

    /** Runs a claimed job to its end, or until it is no longer this worker's or the worker stops. */
    public void run(RunClaim claim) {
        RunningJob job = new RunningJob(claim);
        progress.register(job);
        Run run = new Run(job);
        try {
            if (claim.claims() > config.maxClaims()) {
                run.fail("The job stopped unexpectedly " + (claim.claims() - 1) + " times; see the sync worker's logs");
                return;
            }
            run.execute();
        } catch (LostJobException e) {
            LOG.infof("Job %s is no longer this worker's (%s); stopping", claim.jobId(), e.getMessage());
        } catch (IntegrationGoneException e) {
            run.fail("The integration no longer exists");
        } catch (SourceException e) {
            if (identity.stopping()) {
                LOG.infof("Job %s interrupted by shutdown; another worker resumes it", claim.jobId());
            } else {
                run.fail(e.getMessage());
            }
        } catch (RuntimeException e) {
            // Kafka or the database failing: leave the job to its lease, another attempt resumes it
            LOG.errorf(e, "Job %s stopped unexpectedly; it resumes from its checkpoint when its lease ends",
                    claim.jobId());
        } finally {
            progress.unregister(job);
        }
    }

    /** The state of one run of a job on this worker. */
    private final class Run {

        final RunningJob job;
        final RunClaim claim;
        SyncMode mode;
        String cursor;
        long nextSequence;
        long nextErrorBatch;
        long fetched;
        long skippedInactive;
        long skippedExcluded;
        long failed;
        Long total;
        Mapping mapping;
        final List<ContactUpsert> upserts = new ArrayList<>();
        final List<String> removals = new ArrayList<>();
        int batchChars;
        final List<RecordError> errors = new ArrayList<>();
        final List<Future<RecordMetadata>> unacknowledged = new ArrayList<>();

        Run(RunningJob job) {
            this.job = job;
            this.claim = job.claim();
            this.mode = claim.mode();
            this.cursor = claim.cursor();
            this.nextSequence = claim.nextSequence();
            this.nextErrorBatch = claim.nextErrorBatch();
            Counts c = claim.counts();
            this.fetched = c.fetched();
            this.skippedInactive = c.skippedInactive();
            this.skippedExcluded = c.skippedExcluded();
            this.failed = c.failed();
            this.total = claim.total();
        }

        void execute() {
            SourceAccess access = integrationService.sourceAccess(claim.integrationId());
            mapping = mappings.current(claim.integrationId(), claim.sourceType());
            sender.send(Topics.SYNC_PROGRESS, claim.jobId().toString(), sender.envelope(EventTypes.JOB_STARTED,
                    claim.jobId().toString(), claim.tenantId(), new JobStarted(claim.jobId(), claim.integrationId(),
                            identity.id(), mapping.version(), OffsetDateTime.now(ZoneOffset.UTC))));
            if (mode == null) {
                String deltaLink = sources.deltaLink(claim.integrationId());
                boolean incremental = claim.requestedMode() == SyncMode.INCREMENTAL
                        && Connectors.supportsIncremental(claim.sourceType()) && deltaLink != null;
                mode = incremental ? SyncMode.INCREMENTAL : SyncMode.FULL;
                cursor = incremental ? deltaLink : null;
            }
            LOG.infof("Job %s (%s, attempt %d): %s read of %s integration %s%s", claim.jobId(), claim.tenantId(),
                    claim.attempt(), mode, claim.sourceType(), claim.integrationId(),
                    claim.cursor() != null ? ", resuming from its checkpoint" : "");
            long lastCheckpoint = System.nanoTime();
            try (PrefetchingReader reader = new PrefetchingReader(connectors.open(access, mapping.acceptedStatuses()),
                    "roster-read-" + claim.jobId())) {
                reader.seek(cursor);
                while (true) {
                    if (job.isLost()) {
                        throw new LostJobException("lease lost");
                    }
                    SourcePage page;
                    try {
                        page = reader.next();
                    } catch (SourceException e) {
                        if (e.kind() != Kind.DELTA_EXPIRED) {
                            throw e;
                        }
                        LOG.infof("Job %s: the delta token expired; reading the whole source", claim.jobId());
                        mode = SyncMode.FULL;
                        cursor = null;
                        reader.seek(null);
                        continue;
                    }
                    take(page);
                    job.progressed(counts(), total);
                    if (page.isLast()) {
                        finish(page.deltaLink());
                        return;
                    }
                    cursor = page.nextCursor();
                    if (System.nanoTime() - lastCheckpoint >= config.checkpointInterval().toNanos()) {
                        checkpoint();
                        lastCheckpoint = System.nanoTime();
                    }
                }
            }
        }

        void take(SourcePage page) {
            if (page.total() != null) {
                total = page.total();
            }
            for (SourceRecord record : page.records()) {
                fetched++;
                if (record.removed() || !mapping.accepts(record.status(), record.active())) {
                    skippedInactive++;
                    if (mode == SyncMode.INCREMENTAL) {
                        removals.add(record.id());
                        batchChars += record.id().length();
                        flushIfFull();
                    }
                    continue;
                }
                if (mapping.exclusion().excludes(record.attributes())) {
                    skippedExcluded++;
                    continue;
                }
                RecordMapper.Result result = RecordMapper.map(record.id(), record.attributes(), mapping);
                if (!result.ok()) {
                    failed++;
                    for (RecordError error : result.errors()) {
                        error(error);
                    }
                    continue;
                }
                upserts.add(result.contact());
                batchChars += size(result.contact());
                flushIfFull();
            }
            for (UnreadableRecord unreadable : page.unreadable()) {
                fetched++;
                failed++;
                error(new RecordError(unreadable.sourceRecordId(), unreadable.field(), unreadable.reason()));
            }
        }

        void error(RecordError error) {
            errors.add(error);
            if (errors.size() >= config.errorBatchSize()) {
                flushErrors();
            }
        }

        void flushIfFull() {
            if (upserts.size() + removals.size() >= config.batchSize() || batchChars >= config.batchChars()) {
                flushBatch();
            }
        }

        void flushBatch() {
            if (upserts.isEmpty() && removals.isEmpty()) {
                return;
            }
            ContactUpsertBatch batch = new ContactUpsertBatch(claim.jobId(), claim.integrationId(), nextSequence++,
                    mapping.version(), mapping.uniqueIdField(), List.copyOf(upserts), List.copyOf(removals));
            unacknowledged.add(sender.send(Topics.CONTACT_COMMANDS, claim.integrationId().toString(),
                    sender.envelope(EventTypes.CONTACT_UPSERT_BATCH, claim.jobId().toString(), claim.tenantId(),
                            batch)));
            upserts.clear();
            removals.clear();
            batchChars = 0;
        }

        void flushErrors() {
            if (errors.isEmpty()) {
                return;
            }
            RecordErrors batch = new RecordErrors(claim.jobId(), claim.integrationId(), nextErrorBatch++,
                    List.copyOf(errors));
            unacknowledged.add(sender.send(Topics.SYNC_PROGRESS, claim.jobId().toString(),
                    sender.envelope(EventTypes.RECORD_ERRORS, claim.jobId().toString(), claim.tenantId(), batch)));
            errors.clear();
        }

        /** Everything before the cursor is acknowledged by Kafka, then the cursor is stored. */
        void checkpoint() {
            flushBatch();
            flushErrors();
            EventSender.await(unacknowledged);
            if (!store.checkpoint(claim, mode, cursor, nextSequence, nextErrorBatch, counts(), total,
                    config.lease())) {
                throw new LostJobException("checkpoint refused");
            }
        }

        void finish(String deltaLink) {
            flushBatch();
            flushErrors();
            EventSender.await(unacknowledged);
            if (!ending.ended(claim, mode, nextSequence - 1, counts(), total, deltaLink)) {
                throw new LostJobException("end refused");
            }
            job.progressed(counts(), total);
            progress.report(job);
            LOG.infof("Job %s read %d records: %d batches sent, %d inactive, %d excluded, %d failed", claim.jobId(),
                    fetched, nextSequence - 1, skippedInactive, skippedExcluded, failed);
        }

        void fail(String reason) {
            try {
                flushErrors();
                EventSender.await(unacknowledged);
            } catch (RuntimeException e) {
                LOG.debugf("Errors of failing job %s not sent: %s", claim.jobId(), e.getMessage());
            }
            if (ending.failed(claim, mode, nextSequence - 1, counts(), total, reason)) {
                LOG.warnf("Job %s failed: %s", claim.jobId(), reason);
            }
        }

        Counts counts() {
            return new Counts(fetched, skippedInactive, skippedExcluded, failed);
        }
    }

    private static int size(ContactUpsert contact) {
        int n = contact.sourceId().length() + 32;
        for (var field : contact.fields().entrySet()) {
            n += field.getKey().length() + field.getValue().length() + 6;
        }
        return n;
    }
}
