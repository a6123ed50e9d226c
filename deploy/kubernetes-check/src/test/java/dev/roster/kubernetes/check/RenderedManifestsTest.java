package dev.roster.kubernetes.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;

/** Every kustomization renders, every object reads strictly, and every invariant holds. */
class RenderedManifestsTest {

    private static final List<String> SERVICES = List.of("contact-directory-service", "integration-service",
            "mapping-service", "sync-worker");

    static List<String> kustomizations() {
        return KubernetesTree.kustomizations();
    }

    @Test
    void checksTheBaseAndBothOverlays() {
        assertEquals(List.of("base", "overlays/local", "overlays/production"), kustomizations());
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void passesEveryInvariant(String kustomization) {
        List<String> violations = Invariants.check(KubernetesTree.rendered(kustomization));

        assertEquals(List.of(), violations,
                kustomization + " breaks the invariants:\n" + String.join("\n", violations));
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void rendersEachServiceWithItsServiceAccountServiceAndDisruptionBudget(String kustomization) {
        Map<String, Long> kinds = KubernetesTree.rendered(kustomization).objects().stream()
                .collect(Collectors.groupingBy(HasMetadata::getKind, TreeMap::new, Collectors.counting()));

        assertEquals(Map.of("ConfigMap", 1L, "Deployment", 4L, "HorizontalPodAutoscaler", 1L, "Ingress", 1L,
                "Namespace", 1L, "NetworkPolicy", 4L, "PodDisruptionBudget", 4L, "Service", 4L,
                "ServiceAccount", 4L), kinds);
        assertEquals(SERVICES, KubernetesTree.rendered(kustomization).stream(Deployment.class)
                .map(d -> d.getMetadata().getName()).sorted().toList());
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void runsEachServiceFromItsOwnImage(String kustomization) {
        for (Deployment deployment : KubernetesTree.rendered(kustomization).all(Deployment.class)) {
            String image = deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();

            assertTrue(image.startsWith("ghcr.io/roster/" + deployment.getMetadata().getName() + ":"), image);
        }
    }

    @Test
    void productionRunsAtLeastTwoPodsOfEveryService() {
        Manifests production = KubernetesTree.rendered("overlays/production");
        for (Deployment deployment : production.all(Deployment.class)) {
            int replicas = production.stream(HorizontalPodAutoscaler.class)
                    .filter(h -> h.getSpec().getScaleTargetRef().getName().equals(deployment.getMetadata().getName()))
                    .map(h -> h.getSpec().getMinReplicas())
                    .findFirst()
                    .orElse(deployment.getSpec().getReplicas());

            assertTrue(replicas >= 2, deployment.getMetadata().getName() + " runs " + replicas);
        }
    }

    @Test
    void productionServesEveryHostOverTls() {
        Ingress ingress = KubernetesTree.rendered("overlays/production").all(Ingress.class).get(0);

        List<String> hosts = ingress.getSpec().getRules().stream().map(r -> r.getHost()).toList();
        List<String> tlsHosts = ingress.getSpec().getTls().stream().flatMap(t -> t.getHosts().stream()).toList();
        assertEquals(List.of("roster.example.com"), hosts);
        assertEquals(hosts, tlsHosts);
        assertEquals(List.of("roster-tls"),
                ingress.getSpec().getTls().stream().map(IngressTLS::getSecretName).toList());
    }

    @Test
    void localRunsOnePodOfEachApiServiceAndLocallyBuiltImages() {
        Manifests local = KubernetesTree.rendered("overlays/local");
        for (Deployment deployment : local.all(Deployment.class)) {
            assertTrue(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage().endsWith(":dev"));
            if (!deployment.getMetadata().getName().equals("sync-worker")) {
                assertEquals(1, deployment.getSpec().getReplicas(), deployment.getMetadata().getName());
            }
        }
    }
}
