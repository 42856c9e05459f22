package org.metricagateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * CRM payload fixtures (src/test/resources/fixtures/). Times in them are written relative to now, since conversions
 * older than the attribution window are refused: {@code ${NOW-300}} is Unix seconds, {@code ${LOCAL-300}} the
 * account's local time without an offset ({@link #ACCOUNT_ZONE}), as RetailCRM writes times. Form fixtures ({@code .form})
 * hold one {@code name=value} per line, decoded for reading; {@link #form} URL-encodes them as the CRM sends them.
 * Lines starting with {@code #} are comments.
 */
public final class Fixtures {
    private static final Pattern NOW = Pattern.compile("\\$\\{(NOW|LOCAL)(-[0-9]+)?}");
    /** The time zone of the CRM accounts in the fixtures, for times written without an offset. */
    public static final ZoneId ACCOUNT_ZONE = ZoneId.of("Europe/Moscow");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private Fixtures() {
    }

    /** The fixture's text with its times filled in relative to {@code now}. */
    public static String text(String path, Instant now) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + path)) {
            if (in == null) {
                throw new AssertionError("No fixture " + path);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Matcher m = NOW.matcher(text);
            return m.replaceAll(r -> {
                Instant at = now.plusSeconds(r.group(2) == null ? 0 : Long.parseLong(r.group(2)));
                return r.group(1).equals("NOW") ? Long.toString(at.getEpochSecond())
                        : LOCAL.format(at.atZone(ACCOUNT_ZONE));
            });
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** A .form fixture as the application/x-www-form-urlencoded body a CRM posts. */
    public static String form(String path, Instant now) {
        return text(path, now).lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> {
                    int equals = line.indexOf('=');
                    return encode(line.substring(0, equals)) + "=" + encode(line.substring(equals + 1));
                })
                .collect(Collectors.joining("&"));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
