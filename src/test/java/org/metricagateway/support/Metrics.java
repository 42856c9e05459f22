package org.metricagateway.support;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the Prometheus text a gateway serves on its management port, as a scraper would. */
public final class Metrics {
    private Metrics() {
    }

    public static String scrape(String managementUrl) {
        return Http.send(Http.request(managementUrl + "/observe/metrics")).body();
    }

    /** The value of one series, {@code name{labels}} exactly as exposed (labels: {@code token="ab12"}, or empty). */
    public static Optional<Double> value(String managementUrl, String name, String labels) {
        String series = labels.isEmpty() ? name : name + "{" + labels + "}";
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape(managementUrl));
        return matcher.find() ? Optional.of(Double.parseDouble(matcher.group(1))) : Optional.empty();
    }
}
