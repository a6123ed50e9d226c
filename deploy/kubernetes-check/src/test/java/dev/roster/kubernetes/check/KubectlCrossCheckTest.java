package dev.roster.kubernetes.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where kubectl is installed, this renderer and {@code kubectl kustomize} give the same objects, field for
 * field, for every kustomization and for a fixture of the renderer's harder cases. Without kubectl these tests
 * are skipped: the check itself never needs it.
 */
class KubectlCrossCheckTest {

    @TempDir
    Path directory;

    static List<String> kustomizations() {
        return KubernetesTree.kustomizations();
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void rendersWhatKubectlRenders(String kustomization) throws Exception {
        assertSameAsKubectl(KubernetesTree.directory(kustomization));
    }

    @Test
    void rendersTheHarderCasesAsKubectlDoes() throws Exception {
        assertSameAsKubectl(KustomizeTest.fixture(directory, KustomizeTest.OVERLAY_KUSTOMIZATION));
    }

    private static void assertSameAsKubectl(Path kustomization) throws Exception {
        Path kubectl = kubectl();
        assumeTrue(kubectl != null, "kubectl is not on the PATH");
        Map<String, JsonNode> ours = byId(Kustomize.build(kustomization).stream().map(JsonNode.class::cast).toList());

        Map<String, JsonNode> theirs = byId(Yaml.readDocuments(run(kubectl, kustomization), "kubectl kustomize"));

        assertEquals(theirs.keySet(), ours.keySet());
        theirs.forEach((id, object) -> assertEquals(object, ours.get(id), id));
    }

    private static Map<String, JsonNode> byId(List<JsonNode> objects) {
        Map<String, JsonNode> byId = new TreeMap<>();
        objects.forEach(o -> byId.put(Ids.of(o), o));
        return byId;
    }

    private static String run(Path kubectl, Path kustomization) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(kubectl.toString(), "kustomize", kustomization.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError("kubectl kustomize " + kustomization + " failed:\n" + output);
        }
        return output;
    }

    private static Path kubectl() {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(d -> Path.of(d, "kubectl"))
                .filter(Files::isExecutable)
                .findFirst()
                .orElse(null);
    }
}
