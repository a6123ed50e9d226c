package dev.roster.integration.connection;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.roster.integration.config.SourcesConfig;

/**
 * Decides whether Roster may call a source URL: https only, and no loopback, private, link-local or
 * otherwise internal address, unless configuration allows them. This keeps an admin from turning a
 * connection into a probe of the cluster's own network (server-side request forgery). The worker checks
 * the resolved address again when it connects, since DNS answers can change.
 */
@ApplicationScoped
public class SourceUrlPolicy {

    @Inject
    SourcesConfig config;

    /** Why the URL is refused, or empty when it is acceptable. */
    public Optional<String> refusal(String url) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            return Optional.of("is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && config.allowHttp())) {
            return Optional.of(config.allowHttp() ? "must be an http or https URL" : "must be an https URL");
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            return Optional.of("must name a host");
        }
        if (uri.getUserInfo() != null) {
            return Optional.of("must not carry credentials; put them in the credentials");
        }
        if (config.allowPrivateAddresses()) {
            return Optional.empty();
        }
        String name = host.toLowerCase(Locale.ROOT);
        if (name.equals("localhost") || name.endsWith(".localhost") || name.endsWith(".internal")
                || name.endsWith(".local") || name.endsWith(".svc") || name.contains(".svc.cluster.")) {
            return Optional.of("must not point at an internal host (" + host + ")");
        }
        return internalAddress(name).map(address -> "must not point at an internal address (" + address + ")");
    }

    private static Optional<String> internalAddress(String host) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            // Not resolvable from here: nothing to check now; the worker checks again when it connects.
            return Optional.empty();
        }
        for (InetAddress address : addresses) {
            if (isInternal(address)) {
                return Optional.of(address.getHostAddress());
            }
        }
        return Optional.empty();
    }

    static boolean isInternal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address) {
            // fc00::/7 unique local addresses
            return (bytes[0] & 0xfe) == 0xfc;
        }
        int first = bytes[0] & 0xff;
        int second = bytes[1] & 0xff;
        // 100.64.0.0/10 carrier-grade NAT, 0.0.0.0/8
        return (first == 100 && second >= 64 && second <= 127) || first == 0;
    }
}
