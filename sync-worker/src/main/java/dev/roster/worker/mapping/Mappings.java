package dev.roster.worker.mapping;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotNull;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.roster.commons.events.MappingPublished;
import dev.roster.mappingrules.DefaultMappings;
import dev.roster.mappingrules.Mapping;
import dev.roster.mappingrules.PublishedMappings;
import dev.roster.worker.source.SourceStateService;

/**
 * The mapping in force for an integration: the newest one mapping-service published, or, until it publishes
 * one, the built-in default of the source type ({@link DefaultMappings}, version null).
 */
@ApplicationScoped
@Transactional
public class Mappings {

    private static final Logger LOG = Logger.getLogger(Mappings.class);

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    @Inject
    SourceStateService sources;

    /** Called from a job's own thread, outside any transaction: reads in one of its own. */
    public Mapping current(UUID integrationId, String sourceType) {
        @SuppressWarnings("unchecked")
        List<String> rows = em.createNativeQuery(
                "SELECT CAST(mapping AS TEXT) FROM published_mapping WHERE integration_id = ?1")
                .setParameter(1, integrationId).getResultList();
        if (rows.isEmpty()) {
            return DefaultMappings.forSource(sourceType);
        }
        return PublishedMappings.toMapping(read(rows.get(0)));
    }

    /**
     * Keeps a published mapping unless a newer version is stored (events may arrive out of order). A mapping
     * that the rules refuse fails with {@link IllegalArgumentException} and is not stored.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void published(@NotNull MappingPublished mapping) {
        PublishedMappings.toMapping(mapping);
        int stored = em.createNativeQuery("""
                INSERT INTO published_mapping (integration_id, version, mapping, received_at)
                VALUES (?1, ?2, CAST(?3 AS JSONB), now())
                ON CONFLICT (integration_id) DO UPDATE
                   SET version = EXCLUDED.version, mapping = EXCLUDED.mapping, received_at = EXCLUDED.received_at
                 WHERE published_mapping.version < EXCLUDED.version""")
                .setParameter(1, mapping.integrationId()).setParameter(2, mapping.version())
                .setParameter(3, write(mapping)).executeUpdate();
        if (stored == 0) {
            LOG.infof("Integration %s: mapping version %d ignored, a newer one is stored", mapping.integrationId(),
                    mapping.version());
            return;
        }
        if (mapping.uniqueIdFieldChanged()) {
            sources.requireFullSync(mapping.integrationId());
        }
    }

    private MappingPublished read(String text) {
        try {
            return json.readValue(text, MappingPublished.class);
        } catch (Exception e) {
            throw new IllegalStateException("stored mapping unreadable", e);
        }
    }

    private String write(MappingPublished mapping) {
        try {
            return json.writeValueAsString(mapping);
        } catch (Exception e) {
            throw new IllegalStateException("mapping not writable", e);
        }
    }
}
