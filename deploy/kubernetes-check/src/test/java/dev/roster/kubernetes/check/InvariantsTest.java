package dev.roster.kubernetes.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Each invariant catches the mistake it is there for: the production overlay, changed in one place, breaks
 * exactly the rule that change breaks.
 */
class InvariantsTest {

    private static final String INTEGRATION = "Deployment roster/integration-service";
    private static final String CONTAINER = INTEGRATION + ": container integration-service: ";

    /** The production overlay as trees by id ("Deployment roster/sync-worker"), changed, then checked. */
    private static List<String> violationsAfter(Consumer<Map<String, ObjectNode>> change) {
        Map<String, ObjectNode> objects = new LinkedHashMap<>();
        Kustomize.build(KubernetesTree.directory("overlays/production")).forEach(o -> objects.put(Ids.of(o), o));
        change.accept(objects);
        return Invariants.check(new Manifests(objects.values().stream().map(StrictModel::read).toList()));
    }

    private static ObjectNode container(Map<String, ObjectNode> objects, String deployment) {
        return (ObjectNode) objects.get("Deployment roster/" + deployment).at("/spec/template/spec/containers/0");
    }

    private static ObjectNode env(Map<String, ObjectNode> objects, String name) {
        for (var variable : container(objects, "integration-service").get("env")) {
            if (variable.get("name").asText().equals(name)) {
                return (ObjectNode) variable;
            }
        }
        throw new AssertionError("no " + name);
    }

    private static void assertReports(String violation, List<String> violations) {
        assertTrue(violations.contains(violation), "expected\n  " + violation + "\namong\n  "
                + String.join("\n  ", violations));
    }

    @Test
    void theUnchangedOverlayPasses() {
        assertEquals(List.of(), violationsAfter(objects -> {
        }));
    }

    @Test
    void aContainerWithoutStartupProbe() {
        List<String> violations = violationsAfter(o -> container(o, "integration-service").remove("startupProbe"));

        assertEquals(List.of(CONTAINER + "has no startupProbe"), violations);
    }

    @Test
    void aProbeOnAPortTheContainerDoesNotHave() {
        List<String> violations = violationsAfter(o -> ((ObjectNode) container(o, "integration-service")
                .at("/readinessProbe/httpGet")).put("port", "management"));

        assertEquals(List.of(CONTAINER + "readinessProbe port management is not a port of the container"),
                violations);
    }

    @Test
    void aLivenessProbeOnTheWrongHealthPath() {
        List<String> violations = violationsAfter(o -> ((ObjectNode) container(o, "integration-service")
                .at("/livenessProbe/httpGet")).put("path", "/q/health"));

        assertEquals(List.of(CONTAINER + "livenessProbe checks /q/health, not /q/health/live"), violations);
    }

    @Test
    void aContainerWithoutMemoryLimit() {
        List<String> violations = violationsAfter(o -> ((ObjectNode) container(o, "integration-service")
                .get("resources")).remove("limits"));

        assertEquals(List.of(CONTAINER
                + "needs resources.requests.cpu, resources.requests.memory and resources.limits.memory"), violations);
    }

    @Test
    void aWritableRootFilesystem() {
        List<String> violations = violationsAfter(o -> ((ObjectNode) container(o, "integration-service")
                .get("securityContext")).put("readOnlyRootFilesystem", false));

        assertEquals(List.of(CONTAINER + "securityContext.readOnlyRootFilesystem must be true"), violations);
    }

    @Test
    void aContainerThatMayRunAsRoot() {
        List<String> violations = violationsAfter(o -> {
            ((ObjectNode) container(o, "integration-service").get("securityContext")).remove("runAsNonRoot");
            ((ObjectNode) o.get(INTEGRATION).at("/spec/template/spec/securityContext")).remove("runAsNonRoot");
        });

        assertEquals(List.of(CONTAINER + "must run as non-root (runAsNonRoot: true, on the container or the pod)"),
                violations);
    }

    @Test
    void aPasswordAsALiteral() {
        List<String> violations = violationsAfter(o -> env(o, "ROSTER_DB_PASSWORD").put("value", "hunter2")
                .remove("valueFrom"));

        assertEquals(List.of(CONTAINER + "ROSTER_DB_PASSWORD must come from a Secret (valueFrom.secretKeyRef), "
                + "never a literal or a ConfigMap"), violations);
    }

    @Test
    void aPasswordPatchedInBesideItsSecret() {
        List<String> violations = violationsAfter(o -> env(o, "ROSTER_DB_PASSWORD").put("value", "postgres"));

        assertEquals(List.of(
                CONTAINER + "ROSTER_DB_PASSWORD has both a value and a valueFrom, which the API server refuses",
                CONTAINER + "ROSTER_DB_PASSWORD must come from a Secret (valueFrom.secretKeyRef), never a literal "
                        + "or a ConfigMap"),
                violations);
    }

    @Test
    void aCredentialInsideALiteralUrl() {
        List<String> violations = violationsAfter(o -> env(o, "ROSTER_DB_URL")
                .put("value", "jdbc:postgresql://db:5432/integration?user=app&password=hunter2").remove("valueFrom"));

        assertEquals(List.of(CONTAINER + "ROSTER_DB_URL has a literal value that carries a credential"), violations);
    }

    @Test
    void aSecretInTheConfigMap() {
        List<String> violations = violationsAfter(o -> ((ObjectNode) o.get("ConfigMap roster/roster-config")
                .get("data")).put("ROSTER_OIDC_CLIENT_SECRET", "s3cr3t"));

        assertEquals(List.of("ConfigMap roster/roster-config: ROSTER_OIDC_CLIENT_SECRET belongs in a Secret, "
                + "referenced by name"), violations);
    }

    @Test
    void aServiceTargetingAPortThePodsDoNotHave() {
        List<String> violations = violationsAfter(o -> ((ObjectNode) o.get("Service roster/mapping-service")
                .at("/spec/ports/0")).put("targetPort", "https"));

        assertReports("Service roster/mapping-service: targetPort https is not a port of Deployment mapping-service",
                violations);
    }

    @Test
    void aServiceSelectingNoPods() {
        List<String> violations = violationsAfter(o -> ((ObjectNode) o.get("Service roster/mapping-service")
                .at("/spec/selector")).put("app.kubernetes.io/name", "maping-service"));

        assertEquals(List.of("Service roster/mapping-service: selector {app.kubernetes.io/name=maping-service} "
                + "matches the pods of 0 Deployments; it must match exactly one"), violations);
    }

    @Test
    void anAutoscalerOfAMissingDeployment() {
        List<String> violations = violationsAfter(o -> ((ObjectNode) o.get("HorizontalPodAutoscaler roster/sync-worker")
                .at("/spec/scaleTargetRef")).put("name", "sync-workers"));

        assertEquals(List.of("HorizontalPodAutoscaler roster/sync-worker: scales Deployment sync-workers, which is "
                + "not an apps/v1 Deployment of the manifests"), violations);
    }

    @Test
    void replicasOnADeploymentTheAutoscalerOwns() {
        List<String> violations = violationsAfter(o -> ((ObjectNode) o.get("Deployment roster/sync-worker")
                .get("spec")).put("replicas", 2));

        assertEquals(List.of("Deployment roster/sync-worker: sets spec.replicas although HorizontalPodAutoscaler "
                + "sync-worker owns the count: every apply would reset it"), violations);
    }

    @Test
    void aDisruptionBudgetThatSelectsNoPods() {
        List<String> violations = violationsAfter(o -> ((ObjectNode) o.get("PodDisruptionBudget roster/sync-worker")
                .at("/spec/selector/matchLabels")).put("app.kubernetes.io/name", "worker"));

        assertEquals(List.of(
                "PodDisruptionBudget roster/sync-worker: selects the pods of 0 Deployments; it must select exactly one",
                "Deployment roster/sync-worker: is covered by 0 PodDisruptionBudgets; it needs exactly one"),
                violations);
    }

    @Test
    void anIngressRouteToAMissingService() {
        List<String> violations = violationsAfter(o -> ((ObjectNode) o.get("Ingress roster/roster")
                .at("/spec/rules/0/http/paths/1/backend/service")).put("name", "integrations"));

        assertEquals(List.of("Ingress roster/roster: path /api/v1/integrations routes to a Service the manifests "
                + "do not have"), violations);
    }

    @Test
    void aNetworkPolicyForAPortNoPodHas() {
        List<String> violations = violationsAfter(
                o -> ((ObjectNode) o.get("NetworkPolicy roster/allow-prometheus-scrape")
                        .at("/spec/ingress/0/ports/0")).put("port", 9000));

        assertEquals(List.of(
                "NetworkPolicy roster/allow-prometheus-scrape: allows port 9000, which not every selected pod has",
                "Service roster/sync-worker: no NetworkPolicy lets traffic reach its pods' target port"), violations);
    }

    @Test
    void noDefaultDeny() {
        List<String> violations = violationsAfter(o -> o.remove("NetworkPolicy roster/default-deny-ingress"));

        assertEquals(List.of("namespace roster: no default-deny NetworkPolicy (empty podSelector, policyTypes "
                + "Ingress, no rules)"), violations);
    }

    @Test
    void theLatestTag() {
        List<String> violations = violationsAfter(o -> container(o, "integration-service")
                .put("image", "ghcr.io/roster/integration-service:latest"));

        assertEquals(List.of(CONTAINER + "image 'ghcr.io/roster/integration-service:latest' must name a tag "
                + "(not latest) or a digest"), violations);
    }

    @Test
    void noScrapeAnnotations() {
        List<String> violations = violationsAfter(o -> ((ObjectNode) o.get(INTEGRATION)
                .at("/spec/template/metadata")).remove("annotations"));

        assertEquals(List.of(INTEGRATION + ": the pod template needs prometheus.io/scrape \"true\", prometheus.io/path "
                + "/q/metrics and prometheus.io/port naming a container port"), violations);
    }

    @Test
    void noWritableTmp() {
        List<String> violations = violationsAfter(o -> container(o, "integration-service").remove("volumeMounts"));

        assertEquals(List.of(CONTAINER + "needs an emptyDir volume at /tmp: the root filesystem is read-only"),
                violations);
    }

    @Test
    void aMemoryRequestBelowTheLimit() {
        List<String> violations = violationsAfter(o -> ((ObjectNode) container(o, "integration-service")
                .at("/resources/requests")).put("memory", "256Mi"));

        assertEquals(List.of(CONTAINER + "memory request must equal the limit: the JVM sizes its heap from the "
                + "limit, and a lower request lets the node promise that memory to others"), violations);
    }

    @Test
    void aCapabilityKept() {
        List<String> violations = violationsAfter(o -> ((ArrayNode) container(o, "integration-service")
                .at("/securityContext/capabilities/drop")).removeAll().add("NET_RAW"));

        assertEquals(List.of(CONTAINER + "securityContext.capabilities must drop ALL and add none"), violations);
    }
}
