package dev.roster.kubernetes.check;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fabric8.kubernetes.api.model.apps.Deployment;

/** The strict reading fails where the API server would refuse the object, and says where. */
class StrictModelTest {

    private static ObjectNode deployment() {
        return (ObjectNode) Yaml.readDocuments("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: demo
                  annotations:
                    prometheus.io/scrape: "true"
                spec:
                  selector:
                    matchLabels:
                      app: demo
                  template:
                    metadata:
                      labels:
                        app: demo
                    spec:
                      containers:
                        - name: demo
                          image: demo:1
                          ports:
                            - name: http
                              containerPort: 8080
                          readinessProbe:
                            httpGet:
                              path: /q/health/ready
                              port: http
                          resources:
                            limits:
                              memory: 384Mi
                """, "demo").get(0);
    }

    private static ObjectNode container(ObjectNode deployment) {
        return (ObjectNode) deployment.at("/spec/template/spec/containers/0");
    }

    @Test
    void readsAValidDeployment() {
        Deployment deployment = (Deployment) StrictModel.read(deployment());

        assertEquals("http", deployment.getSpec().getTemplate().getSpec().getContainers().get(0)
                .getReadinessProbe().getHttpGet().getPort().getStrVal());
    }

    @Test
    void failsOnAMisspeltFieldAndNamesIt() {
        ObjectNode deployment = deployment();
        container(deployment).set("readinesProbe", container(deployment).remove("readinessProbe"));

        ManifestException error = assertThrows(ManifestException.class, () -> StrictModel.read(deployment));

        assertTrue(error.getMessage().startsWith("Deployment demo: spec.template.spec.containers[0].readinesProbe: "
                + "Unrecognized field \"readinesProbe\""), error.getMessage());
    }

    @Test
    void fabric8AloneWouldKeepTheMisspeltFieldQuietly() throws Exception {
        ObjectNode deployment = deployment();
        container(deployment).set("readinesProbe", container(deployment).remove("readinessProbe"));
        ObjectMapper plain = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

        Deployment read = plain.treeToValue(deployment, Deployment.class);

        assertTrue(read.getSpec().getTemplate().getSpec().getContainers().get(0).getAdditionalProperties()
                .containsKey("readinesProbe"), "why StrictModel switches off fabric8's any-setter");
    }

    @Test
    void failsOnAnUnknownFieldInMetadata() {
        ObjectNode deployment = deployment();
        ((ObjectNode) deployment.get("metadata")).put("label", "x");

        assertThrows(ManifestException.class, () -> StrictModel.read(deployment));
    }

    @Test
    void failsOnABooleanWhereTheApiTakesAString() {
        ObjectNode deployment = deployment();
        ((ObjectNode) deployment.at("/metadata/annotations")).put("prometheus.io/scrape", true);

        ManifestException error = assertThrows(ManifestException.class, () -> StrictModel.read(deployment));

        assertTrue(error.getMessage().contains("metadata.annotations.prometheus.io/scrape"), error.getMessage());
    }

    @Test
    void failsOnANumberWhereTheApiTakesAString() {
        ObjectNode deployment = deployment();
        container(deployment).put("image", 12);

        assertThrows(ManifestException.class, () -> StrictModel.read(deployment));
    }

    @Test
    void failsOnAStringWhereTheApiTakesANumber() {
        ObjectNode deployment = deployment();
        ((ObjectNode) container(deployment).at("/ports/0")).put("containerPort", "8080");

        assertThrows(ManifestException.class, () -> StrictModel.read(deployment));
    }

    @Test
    void acceptsANumberOrANameWhereTheApiTakesEither() {
        ObjectNode deployment = deployment();
        ((ObjectNode) container(deployment).at("/readinessProbe/httpGet")).put("port", 8080);

        assertDoesNotThrow(() -> StrictModel.read(deployment));
    }

    @Test
    void refusesASecret() {
        JsonNode secret = Yaml.readDocuments("""
                apiVersion: v1
                kind: Secret
                metadata:
                  name: integration-service-db
                stringData:
                  password: hunter2
                """, "secret").get(0);

        ManifestException error = assertThrows(ManifestException.class, () -> StrictModel.read(secret));

        assertTrue(error.getMessage().contains("secret values never go in the repository"), error.getMessage());
    }

    @Test
    void refusesAnApiVersionItDoesNotKnow() {
        ObjectNode autoscaler = (ObjectNode) Yaml.readDocuments("""
                apiVersion: autoscaling/v2beta2
                kind: HorizontalPodAutoscaler
                metadata:
                  name: sync-worker
                """, "hpa").get(0);

        assertThrows(ManifestException.class, () -> StrictModel.read(autoscaler));
    }

    @Test
    void refusesAKeyTwiceInOneMap() {
        ManifestException error = assertThrows(ManifestException.class, () -> Yaml.readDocuments("""
                metadata:
                  name: a
                  name: b
                """, "twice.yaml"));

        assertTrue(error.getMessage().startsWith("twice.yaml: not valid YAML: Duplicate field 'name'"),
                error.getMessage());
    }

    @Test
    void readsEveryDocumentOfAFile() {
        assertEquals(List.of("a", "b"), Yaml.readDocuments("""
                # comment
                name: a
                ---
                name: b
                ---
                """, "two").stream().map(d -> d.get("name").asText()).toList());
    }
}
