package dev.roster.integration.rest;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;

import dev.roster.commons.problem.Problem;
import dev.roster.commons.problem.ProblemException;
import dev.roster.commons.security.Caller;
import dev.roster.commons.security.Permissions;
import dev.roster.integration.domain.JobState;
import dev.roster.integration.domain.SyncJob;
import dev.roster.integration.service.KeysetPage;
import dev.roster.integration.service.PageCursor;
import dev.roster.integration.service.SyncJobService;

@Path("/api/v1/integrations/{id}/syncs")
@Tag(name = "Sync jobs", description = "Starting syncs and watching them run")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "A permission is missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "404", description = "No such integration or job in the caller's tenant", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class SyncJobResource {

    static final Duration STREAM_POLL = Duration.ofMillis(500);

    @Inject
    SyncJobService jobs;

    @Inject
    Caller caller;

    @Inject
    EntityManager em;

    private final ScheduledExecutorService streams = Executors.newScheduledThreadPool(1, r -> {
        Thread thread = new Thread(r, "sync-job-streams");
        thread.setDaemon(true);
        return thread;
    });

    @POST
    @RolesAllowed(Permissions.INTEGRATIONS_EDIT)
    @Operation(summary = "Start a sync now", description = "Needs 'integrations-edit'. One job per integration at a"
            + " time: while one is queued or running, the answer is 409 with its id in runningJobId. A started job"
            + " cannot be stopped or restarted.")
    @APIResponse(responseCode = "202", description = "Queued", content = @Content(schema = @Schema(implementation = SyncJobResponse.class)))
    @APIResponse(responseCode = "409", description = "A job of this integration is queued or running", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response start(@PathParam("id") UUID integrationId) {
        SyncJob job = jobs.startManual(caller.tenantId(), integrationId, caller.subject());
        return Response.accepted(SyncJobResponse.of(job))
                .location(URI.create("/api/v1/integrations/" + integrationId + "/syncs/" + job.id))
                .build();
    }

    @GET
    @RolesAllowed({Permissions.INTEGRATIONS_EDIT, Permissions.MAPPINGS_EDIT})
    @Operation(summary = "The sync history", description = "Newest first, a page at a time.")
    @APIResponse(responseCode = "200", description = "A page", content = @Content(schema = @Schema(implementation = SyncJobPage.class)))
    @APIResponse(responseCode = "400", description = "A parameter is invalid", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SyncJobPage history(@PathParam("id") UUID integrationId,
            @Parameter(description = "The nextCursor of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size, 1 to 200") @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        KeysetPage<SyncJobResponse> page = KeysetPage.of(
                jobs.history(caller.tenantId(), integrationId, PageCursor.decode(cursor), limit + 1), limit,
                job -> new PageCursor(job.createdAt, job.id), SyncJobResponse::of);
        return new SyncJobPage(page.items(), page.nextCursor());
    }

    @GET
    @Path("/{jobId}")
    @RolesAllowed({Permissions.INTEGRATIONS_EDIT, Permissions.MAPPINGS_EDIT})
    @Operation(summary = "One job: state, counts and progress")
    @APIResponse(responseCode = "200", description = "The job", content = @Content(schema = @Schema(implementation = SyncJobResponse.class)))
    public SyncJobResponse get(@PathParam("id") UUID integrationId, @PathParam("jobId") UUID jobId) {
        return SyncJobResponse.of(jobs.get(caller.tenantId(), integrationId, jobId));
    }

    @GET
    @Path("/{jobId}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Blocking
    @RolesAllowed({Permissions.INTEGRATIONS_EDIT, Permissions.MAPPINGS_EDIT})
    @Operation(summary = "Follow a job", description = "Server-Sent Events: the job now, then the job each time it"
            + " changes, until it ends (the last event carries the final state). What a progress bar needs.")
    @APIResponse(responseCode = "200", description = "A stream of SyncJob events", content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(implementation = SyncJobResponse.class)))
    public Multi<SyncJobResponse> follow(@PathParam("id") UUID integrationId, @PathParam("jobId") UUID jobId) {
        String tenant = caller.tenantId();
        jobs.get(tenant, integrationId, jobId); // 404 before the stream opens
        return Multi.createFrom().emitter(emitter -> {
            AtomicReference<SyncJobResponse> last = new AtomicReference<>();
            AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
            task.set(streams.scheduleWithFixedDelay(() -> {
                try {
                    SyncJobResponse now = QuarkusTransaction.requiringNew()
                            .call(() -> SyncJobResponse.of(jobs.get(tenant, integrationId, jobId)));
                    if (!now.equals(last.getAndSet(now))) {
                        emitter.emit(now);
                    }
                    if (streamEnds(now)) {
                        emitter.complete();
                        task.get().cancel(false);
                    }
                } catch (RuntimeException e) {
                    emitter.fail(e);
                    task.get().cancel(false);
                }
            }, 0, STREAM_POLL.toMillis(), TimeUnit.MILLISECONDS));
            emitter.onTermination(() -> {
                ScheduledFuture<?> running = task.get();
                if (running != null) {
                    running.cancel(false);
                }
            });
        });
    }

    @GET
    @Path("/{jobId}/errors")
    @RolesAllowed({Permissions.INTEGRATIONS_EDIT, Permissions.MAPPINGS_EDIT})
    @Operation(summary = "Records the job could not import", description = "In the order they were reported.")
    @APIResponse(responseCode = "200", description = "A page", content = @Content(schema = @Schema(implementation = JobErrorPage.class)))
    @APIResponse(responseCode = "400", description = "A parameter is invalid", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public JobErrorPage errors(@PathParam("id") UUID integrationId, @PathParam("jobId") UUID jobId,
            @Parameter(description = "The nextCursor of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size, 1 to 500") @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit) {
        jobs.get(caller.tenantId(), integrationId, jobId);
        long after = decodeSeq(cursor);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT seq, source_record_id, field, reason FROM sync_job_error"
                + " WHERE job_id = ?1 AND seq > ?2 ORDER BY seq LIMIT ?3")
                .setParameter(1, jobId).setParameter(2, after).setParameter(3, limit + 1).getResultList();
        boolean more = rows.size() > limit;
        List<JobErrorPage.JobError> items = new ArrayList<>();
        for (Object[] row : more ? rows.subList(0, limit) : rows) {
            items.add(new JobErrorPage.JobError((String) row[1], (String) row[2], (String) row[3]));
        }
        String next = more ? encodeSeq(((Number) rows.get(limit - 1)[0]).longValue()) : null;
        return new JobErrorPage(items, next);
    }

    @POST
    @Path("/{jobId}/confirm-deletions")
    @RolesAllowed(Permissions.INTEGRATIONS_EDIT)
    @Operation(summary = "Release a held sweep", description = "Needs 'integrations-edit'. The directory then removes"
            + " exactly the contacts the sweep held back, and the job ends.")
    @APIResponse(responseCode = "202", description = "Confirmed; the job ends once the directory has applied it", content = @Content(schema = @Schema(implementation = SyncJobResponse.class)))
    @APIResponse(responseCode = "409", description = "The job is not awaiting confirmation, or was confirmed already", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response confirmDeletions(@PathParam("id") UUID integrationId, @PathParam("jobId") UUID jobId) {
        SyncJob job = jobs.confirmDeletions(caller.tenantId(), integrationId, jobId, caller.subject());
        return Response.accepted(SyncJobResponse.of(job)).build();
    }

    /** Nothing more will happen: the job ended, or it waits for an admin to confirm its held removals. */
    static boolean streamEnds(SyncJobResponse job) {
        if (job.state() == JobState.AWAITING_CONFIRMATION) {
            return job.deletionsConfirmedAt() == null;
        }
        return !job.state().isActive();
    }

    private static long decodeSeq(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return -1;
        }
        try {
            return Long.parseLong(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("cursor", "is not a cursor this API returned");
        }
    }

    private static String encodeSeq(long seq) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(Long.toString(seq).getBytes(StandardCharsets.UTF_8));
    }

    @PreDestroy
    void stopStreams() {
        streams.shutdownNow();
    }
}
