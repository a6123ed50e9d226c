package dev.roster.kubernetes.check;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.ServiceBackendPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * Roster's rules for its rendered manifests, beyond what the API server would refuse. Each violation is one
 * line naming the object (and container) and what is wrong; an empty list means the manifests pass.
 */
public final class Invariants {

    /** Environment variables and ConfigMap keys with these in their name must come from a Secret. */
    static final Pattern SECRET_NAME = Pattern.compile("PASSWORD|PASSWD|SECRET|TOKEN", Pattern.CASE_INSENSITIVE);
    /** Literal values that carry a credential whatever their name. */
    static final Pattern SECRET_VALUE = Pattern.compile(
            "(?i)(password|passwd|pwd|secret|token)=[^&\\s]" // in a URL's query or a key=value list
                    + "|://[^/@\\s:]+:[^/@\\s]+@" // user:password@host
                    + "|-----BEGIN [A-Z ]*PRIVATE KEY"
                    + "|eyJ[A-Za-z0-9_-]{8,}\\.eyJ" // a JWT
                    + "|AKIA[0-9A-Z]{16}");
    private static final Map<String, String> HEALTH_PATHS = Map.of(
            "startupProbe", "/q/health/started",
            "readinessProbe", "/q/health/ready",
            "livenessProbe", "/q/health/live");
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile(
            "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern PORT_NAME = Pattern.compile("(?=.*[a-z])(?!.*--)[a-z0-9]([-a-z0-9]{0,13}[a-z0-9])?");
    /** The characters ingress-nginx's strict path validation accepts in Prefix and Exact paths. */
    private static final Pattern PLAIN_PATH = Pattern.compile("/[A-Za-z0-9/_.-]*");
    /** Volume types the "restricted" Pod Security Standard allows. */
    private static final Set<String> RESTRICTED_VOLUMES = Set.of("emptyDir", "configMap", "secret", "projected",
            "downwardAPI", "persistentVolumeClaim", "ephemeral", "csi");

    private final Manifests manifests;
    private final List<String> violations = new ArrayList<>();

    private Invariants(Manifests manifests) {
        this.manifests = manifests;
    }

    /** Every violation in the manifests; empty when they pass. */
    public static List<String> check(Manifests manifests) {
        Invariants invariants = new Invariants(manifests);
        invariants.objects();
        invariants.manifests.all(Deployment.class).forEach(invariants::deployment);
        invariants.manifests.all(ConfigMap.class).forEach(invariants::configMap);
        invariants.manifests.all(Service.class).forEach(invariants::service);
        invariants.manifests.all(HorizontalPodAutoscaler.class).forEach(invariants::autoscaler);
        invariants.disruptionBudgets();
        invariants.manifests.all(Ingress.class).forEach(invariants::ingress);
        invariants.networkPolicies();
        return List.copyOf(invariants.violations);
    }

    // --- every object

    private void objects() {
        Set<String> ids = new HashSet<>();
        Set<String> namespaces = new HashSet<>();
        manifests.stream(Namespace.class).forEach(n -> namespaces.add(n.getMetadata().getName()));
        for (HasMetadata object : manifests.objects()) {
            String name = object.getMetadata().getName();
            if (!ids.add(Ids.of(object))) {
                report(object, "defined twice");
            }
            if (name == null || name.length() > 253 || !DNS_SUBDOMAIN.matcher(name).matches()) {
                report(object, "name '" + name + "' is not a DNS subdomain");
            }
            String namespace = object.getMetadata().getNamespace();
            if (!(object instanceof Namespace) && (namespace == null || !namespaces.contains(namespace))) {
                report(object, "namespace '" + namespace + "' is not one the manifests create");
            }
        }
        manifests.stream(Namespace.class)
                .filter(n -> !"restricted".equals(orEmpty(n.getMetadata().getLabels()).get(
                        "pod-security.kubernetes.io/enforce")))
                .forEach(n -> report(n, "must enforce the restricted Pod Security Standard "
                        + "(label pod-security.kubernetes.io/enforce: restricted)"));
    }

    // --- Deployments and their containers

    private void deployment(Deployment deployment) {
        Map<String, String> podLabels = podLabels(deployment);
        LabelSelector selector = deployment.getSpec().getSelector();
        if (selector == null || orEmpty(selector.getMatchLabels()).isEmpty()
                || !selects(selector.getMatchLabels(), podLabels)) {
            report(deployment, "spec.selector.matchLabels must be set and match the pod template's labels");
        }
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        if (list(pod.getContainers()).isEmpty()) {
            report(deployment, "has no containers");
            return;
        }
        serviceAccount(deployment, pod);
        podSecurity(deployment, pod);
        metricsAnnotations(deployment, pod);
        topologySpread(deployment, pod, podLabels);
        for (Container container : pod.getContainers()) {
            new ContainerRules(deployment, pod, container).check();
        }
    }

    private void serviceAccount(Deployment deployment, PodSpec pod) {
        String name = pod.getServiceAccountName();
        String namespace = deployment.getMetadata().getNamespace();
        if (name == null || manifests.find(ServiceAccount.class, namespace, name).isEmpty()) {
            report(deployment, "serviceAccountName '" + name + "' is not a ServiceAccount of the manifests");
        }
        if (!Boolean.FALSE.equals(pod.getAutomountServiceAccountToken())) {
            report(deployment, "automountServiceAccountToken must be false: Roster never calls the Kubernetes API");
        }
    }

    private void podSecurity(Deployment deployment, PodSpec pod) {
        if (Boolean.TRUE.equals(pod.getHostNetwork()) || Boolean.TRUE.equals(pod.getHostPID())
                || Boolean.TRUE.equals(pod.getHostIPC())) {
            report(deployment, "must not share the node's network, PID or IPC namespace");
        }
        for (Volume volume : list(pod.getVolumes())) {
            if (volumeTypes(volume).noneMatch(RESTRICTED_VOLUMES::contains)) {
                report(deployment, "volume " + volume.getName() + " is of a type the restricted Pod Security "
                        + "Standard forbids");
            }
        }
    }

    private static Stream<String> volumeTypes(Volume volume) {
        return Stream.of(
                volume.getEmptyDir() != null ? "emptyDir" : null,
                volume.getConfigMap() != null ? "configMap" : null,
                volume.getSecret() != null ? "secret" : null,
                volume.getProjected() != null ? "projected" : null,
                volume.getDownwardAPI() != null ? "downwardAPI" : null,
                volume.getPersistentVolumeClaim() != null ? "persistentVolumeClaim" : null,
                volume.getEphemeral() != null ? "ephemeral" : null,
                volume.getCsi() != null ? "csi" : null).filter(Objects::nonNull);
    }

    private void metricsAnnotations(Deployment deployment, PodSpec pod) {
        Map<String, String> annotations = orEmpty(deployment.getSpec().getTemplate().getMetadata().getAnnotations());
        Set<String> ports = new HashSet<>();
        pod.getContainers().forEach(c -> ports(c).forEach(p -> ports.add(String.valueOf(p.getContainerPort()))));
        if (!"true".equals(annotations.get("prometheus.io/scrape"))
                || !"/q/metrics".equals(annotations.get("prometheus.io/path"))
                || !ports.contains(annotations.get("prometheus.io/port"))) {
            report(deployment, "the pod template needs prometheus.io/scrape \"true\", prometheus.io/path "
                    + "/q/metrics and prometheus.io/port naming a container port");
        }
    }

    private void topologySpread(Deployment deployment, PodSpec pod, Map<String, String> podLabels) {
        if (pod.getTopologySpreadConstraints() == null || pod.getTopologySpreadConstraints().isEmpty()) {
            report(deployment, "has no topologySpreadConstraints");
            return;
        }
        pod.getTopologySpreadConstraints().stream()
                .filter(c -> c.getLabelSelector() == null || !selects(c.getLabelSelector().getMatchLabels(), podLabels))
                .forEach(c -> report(deployment, "topology spread over " + c.getTopologyKey()
                        + " does not select the Deployment's own pods"));
    }

    /** The rules for one container of a Deployment. */
    private final class ContainerRules {

        private final Deployment deployment;
        private final PodSpec pod;
        private final Container container;

        ContainerRules(Deployment deployment, PodSpec pod, Container container) {
            this.deployment = deployment;
            this.pod = pod;
            this.container = container;
        }

        void check() {
            image();
            ports();
            probe("startupProbe", container.getStartupProbe());
            probe("readinessProbe", container.getReadinessProbe());
            probe("livenessProbe", container.getLivenessProbe());
            resources();
            security();
            writableTmp();
            environment();
        }

        private void image() {
            String image = Optional.ofNullable(container.getImage()).orElse("");
            Images.ImageReference reference = Images.ImageReference.parse(image);
            if (reference.suffix().isEmpty() || reference.suffix().equals(":latest")) {
                report("image '" + image + "' must name a tag (not latest) or a digest");
            }
        }

        private void ports() {
            Set<String> names = new HashSet<>();
            for (ContainerPort port : Invariants.ports(container)) {
                String name = port.getName();
                if (name == null || !PORT_NAME.matcher(name).matches() || !names.add(name)) {
                    report("port " + port.getContainerPort() + " needs a unique name of at most 15 lowercase "
                            + "letters, digits and dashes (a Service targets it by name)");
                }
            }
        }

        private void probe(String kind, Probe probe) {
            if (probe == null) {
                report("has no " + kind);
                return;
            }
            if (probe.getHttpGet() == null) {
                report(kind + " must be an HTTP GET of " + HEALTH_PATHS.get(kind));
                return;
            }
            if (!HEALTH_PATHS.get(kind).equals(probe.getHttpGet().getPath())) {
                report(kind + " checks " + probe.getHttpGet().getPath() + ", not " + HEALTH_PATHS.get(kind));
            }
            if (containerPort(container, probe.getHttpGet().getPort()).isEmpty()) {
                report(kind + " port " + describe(probe.getHttpGet().getPort()) + " is not a port of the container");
            }
        }

        private void resources() {
            var resources = container.getResources();
            Map<String, Quantity> requests = resources == null ? Map.of() : orEmpty(resources.getRequests());
            Map<String, Quantity> limits = resources == null ? Map.of() : orEmpty(resources.getLimits());
            if (!requests.containsKey("cpu") || !requests.containsKey("memory") || !limits.containsKey("memory")) {
                report("needs resources.requests.cpu, resources.requests.memory and resources.limits.memory");
                return;
            }
            for (String resource : List.of("cpu", "memory")) {
                Optional<BigDecimal> request = amount(requests.get(resource));
                Optional<BigDecimal> limit = Optional.ofNullable(limits.get(resource)).flatMap(this::amount);
                if (request.isPresent() && limit.isPresent() && request.get().compareTo(limit.get()) > 0) {
                    report("requests more " + resource + " than its limit");
                }
            }
            if (amount(requests.get("memory")).map(r -> r.compareTo(amount(limits.get("memory")).orElse(r)) != 0)
                    .orElse(false)) {
                report("memory request must equal the limit: the JVM sizes its heap from the limit, and a lower "
                        + "request lets the node promise that memory to others");
            }
        }

        private Optional<BigDecimal> amount(Quantity quantity) {
            try {
                return Optional.of(Quantity.getAmountInBytes(quantity));
            } catch (IllegalArgumentException | ArithmeticException e) {
                report("quantity '" + quantity + "' is not a Kubernetes quantity");
                return Optional.empty();
            }
        }

        private void security() {
            SecurityContext context = Optional.ofNullable(container.getSecurityContext())
                    .orElseGet(SecurityContext::new);
            PodSecurityContext podContext = Optional.ofNullable(pod.getSecurityContext())
                    .orElseGet(PodSecurityContext::new);
            Boolean runAsNonRoot = first(context.getRunAsNonRoot(), podContext.getRunAsNonRoot());
            Long runAsUser = first(context.getRunAsUser(), podContext.getRunAsUser());
            var seccomp = first(context.getSeccompProfile(), podContext.getSeccompProfile());
            if (!Boolean.TRUE.equals(runAsNonRoot) || Long.valueOf(0).equals(runAsUser)) {
                report("must run as non-root (runAsNonRoot: true, on the container or the pod)");
            }
            if (!Boolean.TRUE.equals(context.getReadOnlyRootFilesystem())) {
                report("securityContext.readOnlyRootFilesystem must be true");
            }
            if (!Boolean.FALSE.equals(context.getAllowPrivilegeEscalation())
                    || Boolean.TRUE.equals(context.getPrivileged())) {
                report("securityContext.allowPrivilegeEscalation must be false (and privileged not true)");
            }
            var capabilities = context.getCapabilities();
            if (capabilities == null || capabilities.getDrop() == null || !capabilities.getDrop().contains("ALL")
                    || (capabilities.getAdd() != null && !capabilities.getAdd().isEmpty())) {
                report("securityContext.capabilities must drop ALL and add none");
            }
            if (seccomp == null || !Set.of("RuntimeDefault", "Localhost").contains(seccomp.getType())) {
                report("seccompProfile must be RuntimeDefault (on the container or the pod)");
            }
        }

        private void writableTmp() {
            boolean tmpIsEmptyDir = list(container.getVolumeMounts()).stream()
                    .filter(m -> "/tmp".equals(m.getMountPath()))
                    .anyMatch(m -> list(pod.getVolumes()).stream()
                            .anyMatch(v -> v.getName().equals(m.getName()) && v.getEmptyDir() != null));
            if (!tmpIsEmptyDir) {
                report("needs an emptyDir volume at /tmp: the root filesystem is read-only");
            }
        }

        private void environment() {
            Set<String> names = new HashSet<>();
            for (EnvVar variable : list(container.getEnv())) {
                if (!names.add(variable.getName())) {
                    report("sets " + variable.getName() + " twice");
                }
                variable(variable);
            }
            for (EnvFromSource source : list(container.getEnvFrom())) {
                if (source.getConfigMapRef() != null && !Boolean.TRUE.equals(source.getConfigMapRef().getOptional())
                        && configMap(source.getConfigMapRef().getName()).isEmpty()) {
                    report("envFrom ConfigMap " + source.getConfigMapRef().getName() + " is not in the manifests");
                }
            }
            Stream.of(container.getCommand(), container.getArgs()).filter(Objects::nonNull).flatMap(List::stream)
                    .filter(argument -> SECRET_VALUE.matcher(argument).find())
                    .forEach(argument -> report("a command-line argument carries a credential"));
        }

        private void variable(EnvVar variable) {
            var source = variable.getValueFrom();
            boolean fromSecret = source != null && source.getSecretKeyRef() != null;
            if (variable.getValue() != null && source != null) {
                report(variable.getName() + " has both a value and a valueFrom, which the API server refuses");
            }
            if (SECRET_NAME.matcher(variable.getName()).find() && (!fromSecret || variable.getValue() != null)) {
                report(variable.getName() + " must come from a Secret (valueFrom.secretKeyRef), never a literal "
                        + "or a ConfigMap");
            }
            if (variable.getValue() != null && SECRET_VALUE.matcher(variable.getValue()).find()) {
                report(variable.getName() + " has a literal value that carries a credential");
            }
            if (fromSecret
                    && (isBlank(source.getSecretKeyRef().getName()) || isBlank(source.getSecretKeyRef().getKey()))) {
                report(variable.getName() + " names no Secret or key");
            }
            if (source != null && source.getConfigMapKeyRef() != null) {
                String name = source.getConfigMapKeyRef().getName();
                String key = source.getConfigMapKeyRef().getKey();
                if (configMap(name).map(c -> !orEmpty(c.getData()).containsKey(key)).orElse(true)) {
                    report(variable.getName() + " reads key " + key + " of ConfigMap " + name
                            + ", which the manifests do not have");
                }
            }
        }

        private Optional<ConfigMap> configMap(String name) {
            return manifests.find(ConfigMap.class, deployment.getMetadata().getNamespace(), name);
        }

        private void report(String message) {
            Invariants.this.report(deployment, "container " + container.getName() + ": " + message);
        }
    }

    // --- ConfigMaps

    private void configMap(ConfigMap configMap) {
        orEmpty(configMap.getData()).forEach((key, value) -> {
            if (SECRET_NAME.matcher(key).find()) {
                report(configMap, key + " belongs in a Secret, referenced by name");
            }
            if (SECRET_VALUE.matcher(value).find()) {
                report(configMap, key + " has a value that carries a credential");
            }
        });
    }

    // --- Services

    private void service(Service service) {
        if (service.getSpec().getType() != null && !"ClusterIP".equals(service.getSpec().getType())) {
            report(service, "must be ClusterIP: outside traffic comes through the Ingress");
        }
        List<Deployment> selected = selectedDeployments(service, service.getSpec().getSelector());
        if (selected.size() != 1) {
            report(service, "selector " + service.getSpec().getSelector() + " matches the pods of "
                    + selected.size() + " Deployments; it must match exactly one");
            return;
        }
        for (ServicePort port : list(service.getSpec().getPorts())) {
            IntOrString target = port.getTargetPort();
            if (port.getName() == null || target == null || target.getStrVal() == null) {
                report(service, "port " + port.getPort() + " needs a name and a targetPort naming a container port");
            } else if (containers(selected.get(0)).flatMap(c -> ports(c).stream())
                    .noneMatch(p -> target.getStrVal().equals(p.getName()))) {
                report(service, "targetPort " + target.getStrVal() + " is not a port of Deployment "
                        + selected.get(0).getMetadata().getName());
            }
        }
    }

    // --- scaling and disruption

    private void autoscaler(HorizontalPodAutoscaler autoscaler) {
        var target = autoscaler.getSpec().getScaleTargetRef();
        Optional<Deployment> deployment = "apps/v1".equals(target.getApiVersion())
                && "Deployment".equals(target.getKind())
                        ? manifests.find(Deployment.class, autoscaler.getMetadata().getNamespace(), target.getName())
                        : Optional.empty();
        if (deployment.isEmpty()) {
            report(autoscaler, "scales " + target.getKind() + " " + target.getName()
                    + ", which is not an apps/v1 Deployment of the manifests");
        } else if (deployment.get().getSpec().getReplicas() != null) {
            report(deployment.get(), "sets spec.replicas although HorizontalPodAutoscaler "
                    + autoscaler.getMetadata().getName() + " owns the count: every apply would reset it");
        }
        Integer min = autoscaler.getSpec().getMinReplicas();
        if (min == null || min < 1 || min > autoscaler.getSpec().getMaxReplicas()) {
            report(autoscaler, "minReplicas must be set, at least 1 and at most maxReplicas");
        }
        boolean cpu = list(autoscaler.getSpec().getMetrics()).stream()
                .anyMatch(m -> m.getResource() != null && "cpu".equals(m.getResource().getName()));
        if (!cpu) {
            report(autoscaler, "scales on no CPU metric");
        }
    }

    private void disruptionBudgets() {
        for (PodDisruptionBudget budget : manifests.all(PodDisruptionBudget.class)) {
            LabelSelector selector = budget.getSpec().getSelector();
            List<Deployment> selected = selector == null
                    ? List.of()
                    : selectedDeployments(budget, selector.getMatchLabels());
            if (selected.size() != 1) {
                report(budget, "selects the pods of " + selected.size() + " Deployments; it must select exactly one");
            }
            if ((budget.getSpec().getMaxUnavailable() == null) == (budget.getSpec().getMinAvailable() == null)) {
                report(budget, "needs exactly one of maxUnavailable and minAvailable");
            }
        }
        for (Deployment deployment : manifests.all(Deployment.class)) {
            long budgets = manifests.stream(PodDisruptionBudget.class)
                    .filter(b -> Objects.equals(b.getMetadata().getNamespace(),
                            deployment.getMetadata().getNamespace()))
                    .filter(b -> b.getSpec().getSelector() != null
                            && selects(b.getSpec().getSelector().getMatchLabels(), podLabels(deployment)))
                    .count();
            if (budgets != 1) {
                report(deployment, "is covered by " + budgets + " PodDisruptionBudgets; it needs exactly one");
            }
        }
    }

    // --- Ingress

    private void ingress(Ingress ingress) {
        if (ingress.getSpec().getIngressClassName() == null) {
            report(ingress, "needs an ingressClassName");
        }
        boolean regex = "true".equals(orEmpty(ingress.getMetadata().getAnnotations())
                .get("nginx.ingress.kubernetes.io/use-regex"));
        Set<String> hosts = new HashSet<>();
        for (IngressRule rule : list(ingress.getSpec().getRules())) {
            hosts.add(rule.getHost());
            if (rule.getHttp() == null) {
                report(ingress, "rule for host " + rule.getHost() + " has no paths");
                continue;
            }
            rule.getHttp().getPaths().forEach(path -> ingressPath(ingress, path, regex));
        }
        for (IngressTLS tls : list(ingress.getSpec().getTls())) {
            if (isBlank(tls.getSecretName()) || tls.getHosts() == null || !hosts.containsAll(tls.getHosts())) {
                report(ingress, "TLS for " + tls.getHosts() + " needs a secretName and hosts that its rules serve");
            }
        }
    }

    private void ingressPath(Ingress ingress, HTTPIngressPath path, boolean regex) {
        String value = Optional.ofNullable(path.getPath()).orElse("");
        String type = path.getPathType();
        if ("Prefix".equals(type) || "Exact".equals(type)) {
            if (!PLAIN_PATH.matcher(value).matches()) {
                report(ingress, type + " path " + value + " may hold only letters, digits and / _ . -");
            }
        } else if ("ImplementationSpecific".equals(type)) {
            implementationSpecificPath(ingress, value, regex);
        } else {
            report(ingress, "path " + value + " has pathType " + type);
        }
        var backend = path.getBackend().getService();
        Optional<Service> service = backend == null
                ? Optional.empty()
                : manifests.find(Service.class, ingress.getMetadata().getNamespace(), backend.getName());
        if (service.isEmpty()) {
            report(ingress, "path " + value + " routes to a Service the manifests do not have");
        } else if (service.get().getSpec().getPorts().stream().noneMatch(p -> sameServicePort(p, backend.getPort()))) {
            report(ingress, "path " + value + " routes to a port Service " + backend.getName() + " does not have");
        }
    }

    private void implementationSpecificPath(Ingress ingress, String value, boolean regex) {
        if (!value.startsWith("/")) {
            report(ingress, "path " + value + " must start with /");
        }
        if (!regex && !PLAIN_PATH.matcher(value).matches()) {
            report(ingress, "path " + value + " is a regular expression but the Ingress lacks "
                    + "nginx.ingress.kubernetes.io/use-regex: \"true\"");
        }
        try {
            Pattern.compile(value);
        } catch (PatternSyntaxException e) {
            report(ingress, "path " + value + " is not a valid regular expression: " + e.getDescription());
        }
    }

    private static boolean sameServicePort(ServicePort port,
            ServiceBackendPort backend) {
        return backend != null && (backend.getName() != null
                ? backend.getName().equals(port.getName())
                : Objects.equals(backend.getNumber(), port.getPort()));
    }

    // --- NetworkPolicies

    private void networkPolicies() {
        manifests.stream(Deployment.class).map(d -> d.getMetadata().getNamespace()).distinct()
                .filter(namespace -> manifests.stream(NetworkPolicy.class).noneMatch(p -> defaultDeny(p, namespace)))
                .forEach(namespace -> violations.add("namespace " + namespace
                        + ": no default-deny NetworkPolicy (empty podSelector, policyTypes Ingress, no rules)"));
        for (NetworkPolicy policy : manifests.all(NetworkPolicy.class)) {
            policyPorts(policy);
        }
        for (Service service : manifests.all(Service.class)) {
            selectedDeployments(service, service.getSpec().getSelector()).forEach(d -> reachable(service, d));
        }
    }

    private static boolean defaultDeny(NetworkPolicy policy, String namespace) {
        var spec = policy.getSpec();
        return Objects.equals(policy.getMetadata().getNamespace(), namespace)
                && orEmpty(spec.getPodSelector().getMatchLabels()).isEmpty()
                && list(spec.getPodSelector().getMatchExpressions()).isEmpty()
                && list(spec.getPolicyTypes()).contains("Ingress")
                && (spec.getIngress() == null || spec.getIngress().isEmpty());
    }

    /** A policy's ports must be ports of the pods it selects: a typo would silently allow nothing. */
    private void policyPorts(NetworkPolicy policy) {
        List<Deployment> selected = selectedDeployments(policy, policy.getSpec().getPodSelector().getMatchLabels());
        if (selected.isEmpty() && !defaultDeny(policy, policy.getMetadata().getNamespace())) {
            report(policy, "selects no pods of the manifests");
        }
        for (var rule : list(policy.getSpec().getIngress())) {
            for (NetworkPolicyPort port : list(rule.getPorts())) {
                boolean everyPodHasIt = selected.stream()
                        .allMatch(d -> containers(d).anyMatch(c -> containerPort(c, port.getPort()).isPresent()));
                if (!everyPodHasIt) {
                    report(policy, "allows port " + describe(port.getPort()) + ", which not every selected pod has");
                }
            }
        }
    }

    /** Some policy must let traffic reach each Service's target port, or the Service answers no one. */
    private void reachable(Service service, Deployment deployment) {
        Set<Integer> targetPorts = new HashSet<>();
        for (ServicePort servicePort : list(service.getSpec().getPorts())) {
            containers(deployment).map(c -> containerPort(c, servicePort.getTargetPort())).flatMap(Optional::stream)
                    .forEach(p -> targetPorts.add(p.getContainerPort()));
        }
        boolean allowed = manifests.stream(NetworkPolicy.class)
                .filter(p -> Objects.equals(p.getMetadata().getNamespace(), deployment.getMetadata().getNamespace()))
                .filter(p -> selects(p.getSpec().getPodSelector().getMatchLabels(), podLabels(deployment)))
                .flatMap(p -> list(p.getSpec().getIngress()).stream())
                .anyMatch(rule -> list(rule.getPorts()).isEmpty() || list(rule.getPorts()).stream()
                        .anyMatch(port -> containers(deployment).map(c -> containerPort(c, port.getPort()))
                                .flatMap(Optional::stream)
                                .anyMatch(p -> targetPorts.contains(p.getContainerPort()))));
        if (!allowed) {
            report(service, "no NetworkPolicy lets traffic reach its pods' target port");
        }
    }

    // --- helpers

    private List<Deployment> selectedDeployments(HasMetadata selector, Map<String, String> matchLabels) {
        if (orEmpty(matchLabels).isEmpty()) {
            return List.of();
        }
        return manifests.stream(Deployment.class)
                .filter(d -> Objects.equals(d.getMetadata().getNamespace(), selector.getMetadata().getNamespace()))
                .filter(d -> selects(matchLabels, podLabels(d)))
                .toList();
    }

    /** Whether a selector's labels (empty: every pod) are all among the pod's labels. */
    private static boolean selects(Map<String, String> selector, Map<String, String> podLabels) {
        return podLabels.entrySet().containsAll(orEmpty(selector).entrySet());
    }

    private static Map<String, String> podLabels(Deployment deployment) {
        return orEmpty(deployment.getSpec().getTemplate().getMetadata().getLabels());
    }

    private static Stream<Container> containers(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().stream();
    }

    private static List<ContainerPort> ports(Container container) {
        return list(container.getPorts());
    }

    /** The container port a probe, Service or policy names, by name or number. */
    private static Optional<ContainerPort> containerPort(Container container, IntOrString port) {
        if (port == null) {
            return Optional.empty();
        }
        return ports(container).stream()
                .filter(p -> port.getStrVal() != null
                        ? port.getStrVal().equals(p.getName())
                        : Objects.equals(port.getIntVal(), p.getContainerPort()))
                .findFirst();
    }

    private static String describe(IntOrString port) {
        return port == null ? "(none)" : port.getStrVal() != null ? port.getStrVal() : String.valueOf(port.getIntVal());
    }

    private static <K, V> Map<K, V> orEmpty(Map<K, V> map) {
        return map == null ? Map.of() : map;
    }

    private static <T> List<T> list(List<T> list) {
        return list == null ? List.of() : list;
    }

    @SafeVarargs
    private static <T> T first(T... values) {
        return Stream.of(values).filter(Objects::nonNull).findFirst().orElse(null);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private void report(HasMetadata object, String message) {
        violations.add(Ids.of(object) + ": " + message);
    }
}
