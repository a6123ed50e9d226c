package dev.roster.kubernetes.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;

/**
 * The Ingress of every overlay routes /api/v1/integrations to integration-service, except
 * /api/v1/integrations/{id}/mapping, which goes to mapping-service, under ingress-nginx's path matching; and it
 * exposes nothing else (no health, metrics or OpenAPI document to the outside).
 */
class IngressRoutingTest {

    private static final String ID = "0b8f6c1e-3a52-4d0f-9c53-1f1c2a7e9d10";

    static Stream<Arguments> requests() {
        List<String[]> cases = List.of(
                new String[]{"/api/v1/integrations", "integration-service"},
                new String[]{"/api/v1/integrations/", "integration-service"},
                new String[]{"/api/v1/integrations/" + ID, "integration-service"},
                new String[]{"/api/v1/integrations/" + ID + "/jobs", "integration-service"},
                new String[]{"/api/v1/integrations/" + ID + "/mapping", "mapping-service"},
                new String[]{"/api/v1/integrations/" + ID + "/mapping/", "mapping-service"},
                new String[]{"/api/v1/integrations/" + ID + "/mapping/versions", "mapping-service"},
                new String[]{"/api/v1/integrations/" + ID + "/mappings", "integration-service"},
                new String[]{"/api/v1/integrations/" + ID + "/extra/mapping", "integration-service"},
                new String[]{"/q/health/ready", null},
                new String[]{"/q/metrics", null},
                new String[]{"/q/openapi", null},
                new String[]{"/", null});
        return KubernetesTree.overlays().stream()
                .flatMap(overlay -> cases.stream().map(c -> Arguments.of(overlay, c[0], c[1])));
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @MethodSource("requests")
    void routesEachPathToItsOwner(String overlay, String path, String service) {
        List<Ingress> ingresses = KubernetesTree.rendered(overlay).all(Ingress.class);
        String host = ingresses.get(0).getSpec().getRules().get(0).getHost();

        assertEquals(Optional.ofNullable(service), IngressNginxRoutes.forHost(ingresses, host).serviceFor(path));
    }
}
