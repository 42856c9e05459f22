package org.metricagateway.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The final stage of the Dockerfile as data, so that tests lay out and start the image's file system without a
 * container engine. Only the instructions below are understood; any other one in the final stage fails the read
 * rather than being ignored, so the image cannot drift from what the tests run.
 */
record ImageRecipe(String workdir, List<Copy> copies, Map<String, String> environment, List<String> command,
                   List<Integer> exposedPorts, String user) {
    static final Path DOCKERFILE = Path.of("Dockerfile");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** COPY [--from=stage] source destination; source is in the build context, or in that stage's file system. */
    record Copy(String fromStage, String source, String destination) {
    }

    static ImageRecipe read() {
        try {
            return parse(Files.readAllLines(DOCKERFILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ImageRecipe parse(List<String> lines) {
        Map<String, String> stageWorkdirs = new HashMap<>();
        String stage = null;
        String workdir = "/";
        List<Copy> copies = new ArrayList<>();
        Map<String, String> environment = new LinkedHashMap<>();
        List<String> entrypoint = List.of();
        List<String> cmd = List.of();
        List<Integer> ports = new ArrayList<>();
        String user = "root";
        for (String instruction : instructions(lines)) {
            String[] parts = instruction.split("\\s+", 2);
            String keyword = parts[0].toUpperCase();
            String arguments = parts.length > 1 ? parts[1].strip() : "";
            switch (keyword) {
                case "FROM" -> {
                    String[] from = arguments.split("\\s+");
                    stage = from.length == 3 && from[1].equalsIgnoreCase("AS") ? from[2] : null;
                    workdir = "/";
                    copies.clear();
                    environment.clear();
                    entrypoint = List.of();
                    cmd = List.of();
                    ports.clear();
                    user = "root";
                }
                case "WORKDIR" -> {
                    workdir = Path.of(workdir).resolve(arguments).toString();
                    if (stage != null) {
                        stageWorkdirs.put(stage, workdir);
                    }
                }
                case "COPY" -> copies.add(copy(arguments, workdir, stageWorkdirs));
                case "ENV" -> environment.putAll(variables(arguments));
                case "USER" -> user = arguments;
                case "EXPOSE" -> Stream.of(arguments.split("\\s+")).map(p -> p.replace("/tcp", ""))
                        .map(Integer::valueOf).forEach(ports::add);
                case "ENTRYPOINT" -> entrypoint = execForm(keyword, arguments);
                case "CMD" -> cmd = execForm(keyword, arguments);
                case "LABEL" -> {
                    // metadata only
                }
                case "RUN" -> {
                    if (stage == null) {
                        throw new IllegalStateException("A RUN in the final stage of the Dockerfile changes the image in"
                                + " a way ImageRecipe cannot reproduce: " + instruction);
                    }
                }
                default -> throw new IllegalStateException("ImageRecipe does not understand " + instruction);
            }
        }
        if (stage != null) {
            throw new IllegalStateException("The final stage must be the runtime image, without a name");
        }
        List<String> command = new ArrayList<>(entrypoint);
        command.addAll(cmd);
        return new ImageRecipe(workdir, List.copyOf(copies), Map.copyOf(environment), List.copyOf(command),
                List.copyOf(ports), user);
    }

    /** Instructions with continuation lines joined and comments dropped. */
    private static List<String> instructions(List<String> lines) {
        List<String> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : lines) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            instructions.add(current.toString());
            current.setLength(0);
        }
        return instructions;
    }

    private static Copy copy(String arguments, String workdir, Map<String, String> stageWorkdirs) {
        String fromStage = null;
        List<String> paths = new ArrayList<>();
        for (String argument : arguments.split("\\s+")) {
            if (argument.startsWith("--from=")) {
                fromStage = argument.substring("--from=".length());
            } else if (argument.startsWith("--")) {
                throw new IllegalStateException("ImageRecipe does not understand COPY " + argument);
            } else {
                paths.add(argument);
            }
        }
        if (paths.size() != 2) {
            throw new IllegalStateException("COPY with one source and one destination expected: COPY " + arguments);
        }
        String source = paths.get(0);
        if (fromStage != null) {
            // The build stage runs the Maven build in its working directory, as the project root is here.
            String stageWorkdir = stageWorkdirs.get(fromStage);
            if (stageWorkdir == null || !source.startsWith(stageWorkdir + "/")) {
                throw new IllegalStateException("COPY --from=" + fromStage + " must copy from below its WORKDIR: "
                        + source);
            }
            source = source.substring(stageWorkdir.length() + 1);
        }
        String destination = Path.of(workdir).resolve(paths.get(1)).toString() + (paths.get(1).endsWith("/") ? "/" : "");
        return new Copy(fromStage, source, destination);
    }

    /** ENV KEY=value KEY2="value 2" (the legacy "ENV KEY value" form is not accepted). */
    private static Map<String, String> variables(String arguments) {
        Map<String, String> variables = new LinkedHashMap<>();
        int i = 0;
        while (i < arguments.length()) {
            int equals = arguments.indexOf('=', i);
            if (equals < 0) {
                throw new IllegalStateException("ENV KEY=value expected: " + arguments);
            }
            String name = arguments.substring(i, equals).strip();
            StringBuilder value = new StringBuilder();
            int j = equals + 1;
            boolean quoted = false;
            for (; j < arguments.length(); j++) {
                char c = arguments.charAt(j);
                if (c == '"') {
                    quoted = !quoted;
                } else if (Character.isWhitespace(c) && !quoted) {
                    break;
                } else {
                    value.append(c);
                }
            }
            variables.put(name, value.toString());
            i = j;
            while (i < arguments.length() && Character.isWhitespace(arguments.charAt(i))) {
                i++;
            }
        }
        return variables;
    }

    private static List<String> execForm(String keyword, String arguments) {
        try {
            return JSON.readValue(arguments, new TypeReference<List<String>>() { });
        } catch (IOException e) {
            throw new IllegalStateException(keyword + " must be in exec form (a JSON array): " + arguments, e);
        }
    }

    /** Where an absolute path of the image lies when the image's root is {@code root}. */
    static Path inImage(Path root, String imagePath) {
        return root.resolve(imagePath.replaceFirst("^/+", ""));
    }

    /**
     * Copies what the image holds into {@code root} (standing for the image's /), from the project directory (the
     * build context, and the build stage's working directory after `mvn package`).
     */
    void layOut(Path project, Path root) throws IOException {
        for (Copy copy : copies) {
            Path destination = inImage(root, copy.destination());
            List<Path> sources = matching(project, copy.source());
            if (sources.isEmpty()) {
                throw new IllegalStateException("Nothing matches COPY source " + copy.source()
                        + " (has `mvn package` run?)");
            }
            if (sources.size() > 1 && !copy.destination().endsWith("/")) {
                throw new IllegalStateException("COPY " + copy.source() + " matches " + sources
                        + ": a container build fails when several files go to one destination file");
            }
            for (Path source : sources) {
                if (Files.isDirectory(source)) {
                    copyTree(source, destination);
                } else {
                    Path target = copy.destination().endsWith("/") ? destination.resolve(source.getFileName().toString())
                            : destination;
                    Files.createDirectories(target.getParent());
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Files.createDirectories(inImage(root, workdir));
    }

    private static List<Path> matching(Path project, String source) throws IOException {
        Path path = project.resolve(source.replaceFirst("/$", ""));
        String name = path.getFileName().toString();
        if (!name.contains("*")) {
            return Files.exists(path) ? List.of(path) : List.of();
        }
        List<Path> matches = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(path.getParent(), name)) {
            entries.forEach(matches::add);
        }
        return matches;
    }

    private static void copyTree(Path source, Path destination) throws IOException {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = destination.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
