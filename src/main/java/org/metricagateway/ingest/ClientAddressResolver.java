package org.metricagateway.ingest;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

import org.metricagateway.webhooks.IpRange;

/**
 * The sender's address for allowed_ips checks. X-Forwarded-For is believed only when the TCP peer is one of the
 * configured trusted proxies; then the right-most address that is not itself a trusted proxy is the client (the
 * left part of the header is whatever the client chose to send).
 */
public final class ClientAddressResolver {
    private final List<IpRange> trustedProxies;

    public ClientAddressResolver(List<String> trustedProxies) {
        this.trustedProxies = trustedProxies.stream().map(IpRange::parse).toList();
    }

    public Optional<InetAddress> resolve(String peerAddress, String forwardedFor) {
        Optional<InetAddress> peer = literal(peerAddress);
        if (peer.isEmpty() || forwardedFor == null || forwardedFor.isBlank() || !isTrusted(peer.get())) {
            return peer;
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            Optional<InetAddress> hop = literal(hops[i].trim());
            if (hop.isEmpty()) {
                return Optional.empty();
            }
            if (!isTrusted(hop.get())) {
                return hop;
            }
        }
        return peer;
    }

    private boolean isTrusted(InetAddress address) {
        return trustedProxies.stream().anyMatch(range -> range.contains(address));
    }

    private static Optional<InetAddress> literal(String text) {
        if (text == null || text.isEmpty() || !text.matches("\\[?[0-9a-fA-F:.]+]?")) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(text.replace("[", "").replace("]", "")));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
