package dev.roster.kubernetes.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;

/**
 * The Secrets the manifests reference by name are the ones deploy/kubernetes/README.md tells an operator to
 * create, with the same keys: a renamed Secret or key fails here, not in a pod stuck in
 * CreateContainerConfigError.
 */
class ReadmeTest {

    private static final Pattern GENERIC = Pattern.compile("create secret generic ([a-z0-9.-]+)");
    private static final Pattern KEY = Pattern.compile("--from-(?:literal|file)=([A-Za-z0-9._-]+)=");
    private static final Pattern TLS = Pattern.compile("create secret tls ([a-z0-9.-]+)");

    static List<String> overlays() {
        return KubernetesTree.overlays();
    }

    private static String readme() throws IOException {
        return Files.readString(KubernetesTree.root().resolve("README.md"));
    }

    /** Each shell command of the README, its continuation lines joined. */
    private static List<String> commands() throws IOException {
        return List.of(readme().replace("\\\n", " ").split("\n"));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void documentsEverySecretTheOverlayReferences(String overlay) throws IOException {
        assertEquals(referencedKeys(KubernetesTree.rendered(overlay)), documentedKeys());
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void documentsEveryTlsSecretTheOverlayReferences(String overlay) throws IOException {
        Set<String> documented = new TreeSet<>();
        for (String command : commands()) {
            Matcher tls = TLS.matcher(command);
            if (tls.find()) {
                documented.add(tls.group(1));
            }
        }
        KubernetesTree.rendered(overlay).stream(Ingress.class)
                .flatMap(i -> i.getSpec().getTls() == null ? Stream.empty() : i.getSpec().getTls().stream())
                .forEach(tls -> assertTrue(documented.contains(tls.getSecretName()), tls.getSecretName()));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void describesTheOverlay(String overlay) throws IOException {
        assertTrue(readme().contains(overlay), overlay);
    }

    private static Map<String, Set<String>> referencedKeys(Manifests manifests) {
        Map<String, Set<String>> keys = new TreeMap<>();
        for (Deployment deployment : manifests.all(Deployment.class)) {
            for (Container container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
                for (EnvVar variable : container.getEnv()) {
                    if (variable.getValueFrom() != null && variable.getValueFrom().getSecretKeyRef() != null) {
                        var reference = variable.getValueFrom().getSecretKeyRef();
                        keys.computeIfAbsent(reference.getName(), n -> new TreeSet<>()).add(reference.getKey());
                    }
                }
            }
        }
        return keys;
    }

    private static Map<String, Set<String>> documentedKeys() throws IOException {
        Map<String, Set<String>> keys = new TreeMap<>();
        for (String command : commands()) {
            Matcher secret = GENERIC.matcher(command);
            if (secret.find()) {
                Set<String> secretKeys = keys.computeIfAbsent(secret.group(1), n -> new TreeSet<>());
                Matcher key = KEY.matcher(command);
                while (key.find()) {
                    secretKeys.add(key.group(1));
                }
            }
        }
        return keys;
    }
}
