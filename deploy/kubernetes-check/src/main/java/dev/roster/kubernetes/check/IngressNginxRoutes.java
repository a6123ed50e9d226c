package dev.roster.kubernetes.check;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;

/**
 * Which Service ingress-nginx sends a request path to, modelled on its documented path matching: the rules
 * of the request's host (or, without any, the rules that name no host); when any Ingress for that host has
 * {@code nginx.ingress.kubernetes.io/use-regex: "true"}, every path of the host is a case-insensitive regular
 * expression anchored at the start, tried longest first, the first match winning. Without it, an Exact path
 * wins, then the longest Prefix match by whole path segments.
 */
public final class IngressNginxRoutes {

    private static final String USE_REGEX = "nginx.ingress.kubernetes.io/use-regex";

    private final List<Route> routes;
    private final boolean regex;

    private record Route(String path, String pathType, String service) {
    }

    private IngressNginxRoutes(List<Route> routes, boolean regex) {
        this.routes = routes;
        this.regex = regex;
    }

    /** The routes the Ingresses give requests for {@code host}. */
    public static IngressNginxRoutes forHost(List<Ingress> ingresses, String host) {
        boolean hostHasRules = ingresses.stream().flatMap(i -> rules(i).stream())
                .anyMatch(r -> Objects.equals(host, r.getHost()));
        String served = hostHasRules ? host : null;
        List<Route> routes = new ArrayList<>();
        boolean regex = false;
        for (Ingress ingress : ingresses) {
            for (IngressRule rule : rules(ingress)) {
                if (Objects.equals(served, rule.getHost()) && rule.getHttp() != null) {
                    regex |= "true".equals(annotations(ingress).get(USE_REGEX));
                    rule.getHttp().getPaths().forEach(p -> routes.add(route(p)));
                }
            }
        }
        return new IngressNginxRoutes(routes, regex);
    }

    /** The Service that serves {@code path}, or empty when the controller answers 404 itself. */
    public Optional<String> serviceFor(String path) {
        return regex ? regexMatch(path) : plainMatch(path);
    }

    private Optional<String> regexMatch(String path) {
        return routes.stream()
                .sorted(Comparator.comparingInt((Route r) -> r.path().length()).reversed())
                .filter(r -> Pattern.compile("^" + r.path(), Pattern.CASE_INSENSITIVE).matcher(path).lookingAt())
                .map(Route::service)
                .findFirst();
    }

    private Optional<String> plainMatch(String path) {
        Optional<String> exact = routes.stream()
                .filter(r -> r.pathType().equals("Exact") && r.path().equals(path))
                .map(Route::service)
                .findFirst();
        if (exact.isPresent()) {
            return exact;
        }
        return routes.stream()
                .filter(r -> !r.pathType().equals("Exact") && segmentPrefix(r.path(), path))
                .max(Comparator.comparingInt(r -> r.path().length()))
                .map(Route::service);
    }

    private static boolean segmentPrefix(String prefix, String path) {
        String trimmed = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        return path.equals(trimmed) || path.startsWith(trimmed + "/");
    }

    private static Route route(HTTPIngressPath path) {
        return new Route(path.getPath(), path.getPathType(), path.getBackend().getService().getName());
    }

    private static List<IngressRule> rules(Ingress ingress) {
        return ingress.getSpec().getRules() == null ? List.of() : ingress.getSpec().getRules();
    }

    private static Map<String, String> annotations(Ingress ingress) {
        Map<String, String> annotations = ingress.getMetadata().getAnnotations();
        return annotations == null ? Map.of() : annotations;
    }
}
