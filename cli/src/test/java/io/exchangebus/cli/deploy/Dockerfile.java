package io.exchangebus.cli.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A Dockerfile's instructions as {@link ComposeFileTest} reads them: line continuations joined, comments dropped,
 * {@code CMD} and {@code ENTRYPOINT} in exec form (JSON arrays) only, since the shell form would put a shell, not the
 * JVM, at PID 1, where it would not pass SIGTERM on.
 */
final class Dockerfile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Instruction> instructions;

    private Dockerfile(List<Instruction> instructions) {
        this.instructions = instructions;
    }

    static Dockerfile read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    static Dockerfile parse(String text) {
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && pending.length() == 0)) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                pending.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            pending.append(trimmed);
            String joined = pending.toString().strip();
            pending.setLength(0);
            if (!joined.isEmpty()) {
                String[] words = joined.split("\\s+", 2);
                instructions.add(new Instruction(words[0].toUpperCase(Locale.ROOT), words.length > 1 ? words[1] : ""));
            }
        }
        return new Dockerfile(instructions);
    }

    /** The image of the last {@code FROM} (the stage that is run). */
    String baseImage() {
        return last("FROM").orElseThrow(() -> new AssertionError("no FROM")).arguments().split("\\s+")[0];
    }

    /** The default of {@code ARG name=default}, if declared with one. */
    Optional<String> argDefault(String name) {
        return instructions.stream()
                .filter(i -> i.keyword().equals("ARG") && i.arguments().startsWith(name + "="))
                .map(i -> i.arguments().substring(name.length() + 1))
                .findFirst();
    }

    /** Every {@code COPY}: its sources then its destination, {@code --flags} left out. */
    List<List<String>> copies() {
        List<List<String>> copies = new ArrayList<>();
        for (Instruction instruction : instructions) {
            if (instruction.keyword().equals("COPY")) {
                copies.add(Arrays.stream(instruction.arguments().split("\\s+"))
                        .filter(word -> !word.startsWith("--"))
                        .toList());
            }
        }
        return copies;
    }

    /** The last {@code keyword} (CMD or ENTRYPOINT) in exec form; empty if there is none. */
    List<String> execForm(String keyword) {
        Optional<Instruction> instruction = last(keyword);
        if (instruction.isEmpty()) {
            return List.of();
        }
        String arguments = instruction.get().arguments();
        if (!arguments.startsWith("[")) {
            throw new AssertionError(keyword + " is in shell form; use the exec form [\"...\"]: " + arguments);
        }
        try {
            return List.of(JSON.readValue(arguments, String[].class));
        } catch (JsonProcessingException e) {
            throw new AssertionError(keyword + " is not a JSON array of strings: " + arguments, e);
        }
    }

    /** What the container runs: ENTRYPOINT then CMD. */
    List<String> command() {
        List<String> command = new ArrayList<>(execForm("ENTRYPOINT"));
        command.addAll(execForm("CMD"));
        return command;
    }

    /** The {@code java} launch in {@link #command()}: class path, main class and its arguments. */
    JavaLaunch javaLaunch() {
        List<String> command = command();
        int java = command.indexOf("java");
        if (java < 0) {
            throw new AssertionError("the image does not run java: " + command);
        }
        String classPath = null;
        for (int i = java + 1; i < command.size(); i++) {
            String word = command.get(i);
            if (word.equals("-cp") || word.equals("-classpath") || word.equals("--class-path")) {
                classPath = command.get(++i);
            } else if (!word.startsWith("-")) {
                return new JavaLaunch(classPath, word, command.subList(i + 1, command.size()));
            }
        }
        throw new AssertionError("no main class after java: " + command);
    }

    private Optional<Instruction> last(String keyword) {
        Instruction found = null;
        for (Instruction instruction : instructions) {
            if (instruction.keyword().equals(keyword)) {
                found = instruction;
            }
        }
        return Optional.ofNullable(found);
    }

    record Instruction(String keyword, String arguments) {
    }

    /** {@code java -cp CLASSPATH MAIN ARGS...}. */
    record JavaLaunch(String classPath, String mainClass, List<String> arguments) {
        /** The value of {@code --config FILE}, if given. */
        Optional<String> configFile() {
            int at = arguments.indexOf("--config");
            return at >= 0 && at + 1 < arguments.size() ? Optional.of(arguments.get(at + 1)) : Optional.empty();
        }
    }
}
