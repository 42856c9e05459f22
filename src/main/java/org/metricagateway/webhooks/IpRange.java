package org.metricagateway.webhooks;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** An IPv4 or IPv6 CIDR block ({@code 203.0.113.0/24}, {@code 2001:db8::/32}; a bare address is a /32 or /128). */
public record IpRange(byte[] network, int prefixLength, String text) {

    public static IpRange parse(String cidr) {
        String value = cidr.trim();
        int slash = value.indexOf('/');
        String addressPart = slash < 0 ? value : value.substring(0, slash);
        if (!addressPart.matches("[0-9a-fA-F:.]+") || addressPart.isEmpty()) {
            // Only literal addresses: InetAddress.getByName would otherwise resolve host names.
            throw new IllegalArgumentException("not an IP address or CIDR block");
        }
        byte[] address;
        try {
            address = InetAddress.getByName(addressPart).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address or CIDR block");
        }
        int maxPrefix = address.length * 8;
        int prefix;
        try {
            prefix = slash < 0 ? maxPrefix : Integer.parseInt(value.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the prefix length is not a number");
        }
        if (prefix < 0 || prefix > maxPrefix) {
            throw new IllegalArgumentException("the prefix length must be between 0 and " + maxPrefix);
        }
        byte[] network = mask(address, prefix);
        if (!Arrays.equals(network, address)) {
            throw new IllegalArgumentException("has host bits set (use the network address)");
        }
        String canonical;
        try {
            canonical = InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
        return new IpRange(network, prefix, canonical);
    }

    public boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (candidate.length != network.length) {
            return false;
        }
        return Arrays.equals(mask(candidate, prefixLength), network);
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] masked = new byte[address.length];
        for (int i = 0; i < address.length; i++) {
            int bits = Math.max(0, Math.min(8, prefix - i * 8));
            masked[i] = (byte) (address[i] & (0xFF << (8 - bits)));
        }
        return masked;
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IpRange r && r.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
