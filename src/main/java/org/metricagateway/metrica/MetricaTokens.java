package org.metricagateway.metrica;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OAuth token for each Metrica counter: METRICA_TOKEN_&lt;counter id&gt; variables (one Kubernetes Secret key per
 * counter), then METRICA_TOKENS ({@code counter=token,counter=token}), then the default METRICA_TOKEN. Tokens live
 * only in memory: never logged, never stored; quotas are kept per {@link #tokenId token id}, a hash.
 */
public final class MetricaTokens {
    private static final Pattern PER_COUNTER_VARIABLE = Pattern.compile("METRICA_TOKEN_([0-9]+)");
    private static final int TOKEN_ID_HEX_CHARS = 16;

    private final Map<Long, String> byCounter;
    private final Optional<String> fallback;

    public MetricaTokens(Map<Long, String> byCounter, Optional<String> fallback) {
        this.byCounter = Map.copyOf(byCounter);
        this.fallback = fallback;
    }

    public static MetricaTokens from(Optional<String> defaultToken, Optional<String> tokenList,
                                     Map<String, String> environment) {
        Map<Long, String> byCounter = new HashMap<>();
        tokenList.ifPresent(list -> {
            for (String pair : list.split(",")) {
                String trimmed = pair.trim();
                if (trimmed.isEmpty()) {
                    continue;
                }
                int equals = trimmed.indexOf('=');
                if (equals <= 0 || !trimmed.substring(0, equals).trim().matches("[0-9]+")) {
                    // The message names the position, never the content: it holds tokens.
                    throw new IllegalStateException("METRICA_TOKENS must be counter=token pairs separated by commas");
                }
                byCounter.put(Long.parseLong(trimmed.substring(0, equals).trim()),
                        trimmed.substring(equals + 1).trim());
            }
        });
        environment.forEach((name, value) -> {
            Matcher matcher = PER_COUNTER_VARIABLE.matcher(name);
            if (matcher.matches() && !value.isBlank()) {
                byCounter.put(Long.parseLong(matcher.group(1)), value.trim());
            }
        });
        return new MetricaTokens(byCounter, defaultToken);
    }

    public boolean isEmpty() {
        return byCounter.isEmpty() && fallback.isEmpty();
    }

    public Optional<String> forCounter(long counterId) {
        return Optional.ofNullable(byCounter.get(counterId)).or(() -> fallback);
    }

    /** The ids of every configured token (per-counter ones and the default), as quotas and metrics name them. */
    public Set<String> tokenIds() {
        Set<String> ids = new TreeSet<>();
        byCounter.values().forEach(token -> ids.add(tokenId(token)));
        fallback.ifPresent(token -> ids.add(tokenId(token)));
        return ids;
    }

    /** A stable, non-reversible name for a token: what quota bookkeeping and logs use. */
    public static String tokenId(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, TOKEN_ID_HEX_CHARS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    @Override
    public String toString() {
        return "MetricaTokens[" + byCounter.size() + " per-counter tokens, default "
                + (fallback.isPresent() ? "set" : "unset") + "]";
    }
}
