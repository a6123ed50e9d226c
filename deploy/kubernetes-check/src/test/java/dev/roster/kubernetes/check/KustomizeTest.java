package dev.roster.kubernetes.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The renderer's subset of kustomize, with the results {@code kubectl kustomize} gives for the same input. */
class KustomizeTest {

    static final String BASE_KUSTOMIZATION = """
            namespace: roster
            resources:
              - app.yaml
            """;
    static final String BASE_APP = """
            apiVersion: v1
            kind: Namespace
            metadata:
              name: roster
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: app
            spec:
              replicas: 2
              template:
                spec:
                  containers:
                    - name: app
                      image: ghcr.io/roster/app:0.1.0
                      args: ["-a", "-b"]
                      env:
                        - {name: A, value: "1"}
                        - {name: B, value: "2"}
                        - {name: C, value: "3"}
                      ports:
                        - {name: http, containerPort: 8080}
                    - name: sidecar
                      image: registry.local:5000/tools/sidecar:2
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: app
            spec:
              ports:
                - {name: http, port: 80, targetPort: http}
            """;
    /** Changes, adds, orders and removes list elements: the cases where renderers tend to differ. */
    static final String DEPLOYMENT_PATCH = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: app
            spec:
              replicas: null
              template:
                spec:
                  containers:
                    - name: app
                      args: ["-c"]
                      env:
                        - {name: Z, value: "26"}
                        - {name: B, value: "22"}
                        - {name: C, value: null}
                      ports:
                        - {name: metrics, containerPort: 9000}
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: app
            spec:
              ports:
                - {name: metrics, port: 9000, targetPort: metrics}
            """;
    static final String OVERLAY_KUSTOMIZATION = """
            resources:
              - ../base
            namespace: roster-test
            images:
              - name: ghcr.io/roster/app
                newTag: "1.2"
              - name: registry.local:5000/tools/sidecar
                digest: sha256:0123456789abcdef
            patches:
              - path: deployment.yaml
              - target:
                  kind: Service
                  name: app
                patch: |-
                  - op: replace
                    path: /spec/ports/0/port
                    value: 9090
                  - op: add
                    path: /metadata/labels
                    value: {tier: api}
            """;

    @TempDir
    Path directory;

    /** base/ and overlay/ as above, the overlay's kustomization replaced by {@code overlay}. */
    static Path fixture(Path directory, String overlay) throws IOException {
        write(directory.resolve("base/kustomization.yaml"), BASE_KUSTOMIZATION);
        write(directory.resolve("base/app.yaml"), BASE_APP);
        write(directory.resolve("overlay/deployment.yaml"), DEPLOYMENT_PATCH);
        write(directory.resolve("overlay/kustomization.yaml"), overlay);
        return directory.resolve("overlay");
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private List<ObjectNode> render(String overlay) throws IOException {
        return Kustomize.build(fixture(directory, overlay));
    }

    private static JsonNode find(List<ObjectNode> objects, String id) {
        return objects.stream().filter(o -> Ids.of(o).equals(id)).findFirst().orElseThrow();
    }

    @Test
    void mergesListsByTheirKeyInKubectlsOrder() throws IOException {
        JsonNode app = find(render(OVERLAY_KUSTOMIZATION), "Deployment roster-test/app")
                .at("/spec/template/spec/containers/0");

        assertEquals(Yaml.readDocuments("""
                [{name: Z, value: "26"}, {name: B, value: "22"}, {name: C}, {name: A, value: "1"}]
                """, "expected").get(0), app.get("env"));
        assertEquals(List.of("metrics", "http"), app.get("ports").findValuesAsText("name"));
    }

    @Test
    void replacesListsWithoutMergeKeyAndRemovesNulls() throws IOException {
        JsonNode deployment = find(render(OVERLAY_KUSTOMIZATION), "Deployment roster-test/app");

        assertEquals("[\"-c\"]", deployment.at("/spec/template/spec/containers/0/args").toString());
        assertTrue(deployment.at("/spec/replicas").isMissingNode());
    }

    @Test
    void mergesServicePortsByPortAndAppliesJsonPatches() throws IOException {
        JsonNode service = find(render(OVERLAY_KUSTOMIZATION), "Service roster-test/app");

        assertEquals(List.of(9090, 80), service.get("spec").get("ports").findValues("port").stream()
                .map(JsonNode::asInt).toList());
        assertEquals("api", service.at("/metadata/labels/tier").asText());
    }

    @Test
    void setsTheNamespaceAndRenamesTheNamespaceObject() throws IOException {
        List<ObjectNode> objects = render(OVERLAY_KUSTOMIZATION);

        assertEquals(List.of("Namespace roster-test", "Deployment roster-test/app", "Service roster-test/app"),
                objects.stream().map(Ids::of).toList());
    }

    @Test
    void setsTagsAndDigests() throws IOException {
        JsonNode containers = find(render(OVERLAY_KUSTOMIZATION), "Deployment roster-test/app")
                .at("/spec/template/spec/containers");

        assertEquals(List.of("ghcr.io/roster/app:1.2", "registry.local:5000/tools/sidecar@sha256:0123456789abcdef"),
                containers.findValuesAsText("image"));
    }

    @Test
    void refusesAFieldOutsideItsSubset() {
        ManifestException error = assertThrows(ManifestException.class,
                () -> render(OVERLAY_KUSTOMIZATION + "namePrefix: test-\n"));

        assertTrue(error.getMessage().contains("[namePrefix] not supported by deploy/kubernetes-check's renderer"),
                error.getMessage());
    }

    @Test
    void refusesAnImageRuleThatMatchesNoContainer() {
        ManifestException error = assertThrows(ManifestException.class, () -> render(OVERLAY_KUSTOMIZATION
                .replace("name: ghcr.io/roster/app", "name: ghcr.io/roster/ap")));

        assertTrue(error.getMessage().endsWith("no container runs image ghcr.io/roster/ap"), error.getMessage());
    }

    @Test
    void refusesAPatchThatMatchesNothing() {
        ManifestException error = assertThrows(ManifestException.class, () -> render(OVERLAY_KUSTOMIZATION
                .replace("name: app\n    patch", "name: ap\n    patch")));

        assertTrue(error.getMessage().contains("matches 0 objects"), error.getMessage());
    }

    @Test
    void refusesPatchDirectives() throws IOException {
        Path overlay = fixture(directory, OVERLAY_KUSTOMIZATION);
        write(overlay.resolve("deployment.yaml"), DEPLOYMENT_PATCH.replace("replicas: null", "$patch: replace"));

        ManifestException error = assertThrows(ManifestException.class, () -> Kustomize.build(overlay));

        assertTrue(error.getMessage().contains("the patch directive $patch is not supported"), error.getMessage());
    }

    @Test
    void refusesAJsonPatchOfAFieldThatIsNotThere() {
        ManifestException error = assertThrows(ManifestException.class, () -> render(OVERLAY_KUSTOMIZATION
                .replace("path: /spec/ports/0/port", "path: /spec/ports/0/nodePort")));

        assertTrue(error.getMessage().endsWith("/spec/ports/0/nodePort: there is no 'nodePort' to change"),
                error.getMessage());
    }

    @Test
    void refusesAnObjectDefinedTwice() throws IOException {
        Path overlay = fixture(directory, OVERLAY_KUSTOMIZATION);
        write(directory.resolve("base/kustomization.yaml"), BASE_KUSTOMIZATION + "  - app.yaml\n");

        ManifestException error = assertThrows(ManifestException.class, () -> Kustomize.build(overlay));

        assertTrue(error.getMessage().endsWith("Namespace roster is defined twice"), error.getMessage());
    }
}
