package org.metricagateway.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** src/main/resources/application.properties: its keys, their environment variables and their defaults. */
final class ApplicationProperties {
    private static final Path FILE = Path.of("src/main/resources/application.properties");
    /** {{env:NAME:default}}: how application.properties reads the *_PORT variables camel-main ignores. */
    private static final Pattern ENV_PLACEHOLDER = Pattern.compile("\\{\\{env:([A-Z0-9_]+):([^}]*)}}");

    private final Properties properties = new Properties();

    ApplicationProperties() {
        try (Reader reader = Files.newBufferedReader(FILE)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The environment variable that overrides a key: upper case, '.' and '-' become '_'. */
    static String variableOf(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    Set<String> variables() {
        return properties.stringPropertyNames().stream().map(ApplicationProperties::variableOf)
                .collect(Collectors.toSet());
    }

    Optional<String> value(String key) {
        return Optional.ofNullable(properties.getProperty(key)).map(String::strip);
    }

    String required(String key) {
        return value(key).orElseThrow(() -> new AssertionError(FILE + " has no key " + key));
    }

    /** The value the gateway runs with when its variable is not set: the default of an {{env:...}} placeholder. */
    String defaultOf(String key) {
        String value = required(key);
        Matcher placeholder = ENV_PLACEHOLDER.matcher(value);
        return placeholder.matches() ? placeholder.group(2) : value;
    }
}
