package org.metricagateway.admin.validation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.metricagateway.webhooks.IpRange;

/**
 * Limits and parsing rules of a webhook's settings, shared by the validators (is it valid?) and by
 * {@link org.metricagateway.admin.WebhookColumns} (what is stored?), so that the two can never disagree. The
 * database's CHECK constraints say the same.
 */
public final class WebhookValues {
    public static final int MAX_NAME_LENGTH = 200;
    public static final int MAX_TARGET_LENGTH = 255;
    /** Metrica counter ids are positive 32-bit integers. */
    public static final long MAX_COUNTER_ID = Integer.MAX_VALUE;
    /** Ingest checks a sender against every block on each request: the list stays short. */
    public static final int MAX_ALLOWED_IPS = 100;

    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,10}");

    private WebhookValues() {
    }

    public static Optional<Long> counterId(String raw) {
        String value = raw.trim();
        if (!DIGITS.matcher(value).matches()) {
            return Optional.empty();
        }
        long parsed = Long.parseLong(value);
        return parsed >= 1 && parsed <= MAX_COUNTER_ID ? Optional.of(parsed) : Optional.empty();
    }

    /** Canonical CIDR text of each block, duplicates dropped; only called once every block parsed. */
    public static String[] canonicalBlocks(List<String> blocks) {
        Set<String> canonical = new LinkedHashSet<>();
        for (String block : blocks) {
            canonical.add(IpRange.parse(block).text());
        }
        return canonical.toArray(String[]::new);
    }

    /** Why a block is not a CIDR block, for each position that is not; empty when all are. */
    public static List<Problem> blockProblems(List<String> blocks) {
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            String block = blocks.get(i);
            if (block == null) {
                problems.add(new Problem(i, "must be a CIDR block, not null"));
                continue;
            }
            try {
                IpRange.parse(block);
            } catch (IllegalArgumentException e) {
                // IpRange's reasons are fixed texts that never repeat the rejected value.
                problems.add(new Problem(i, e.getMessage()));
            }
        }
        return problems;
    }

    public record Problem(int index, String reason) {
    }
}
