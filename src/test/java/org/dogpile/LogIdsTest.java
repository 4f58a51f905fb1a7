package org.dogpile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Log message ids: every log line of the library starts with its own {@code DOGPILE-nnnn: } id,
 * and the README's "Logs" table lists exactly the ids the code uses.
 */
class LogIdsTest {

    private static final Path ROOT = Path.of(System.getProperty("user.dir"));
    private static final Pattern ID_IN_CODE = Pattern.compile("\"(DOGPILE-\\d{4}): ");
    private static final Pattern LOG_CALL = Pattern.compile("LOG\\.log\\(");
    private static final Pattern ID_IN_README = Pattern.compile("^\\| `(DOGPILE-\\d{4})` \\|", Pattern.MULTILINE);

    /** @return each id in the code, with the file it is in; fails on an id used twice */
    private static Map<String, String> idsInCode() throws IOException {
        Map<String, String> ids = new TreeMap<>();
        List<String> duplicates = new ArrayList<>();
        try (Stream<Path> files = Files.walk(ROOT.resolve("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher matcher = ID_IN_CODE.matcher(Files.readString(file));
                while (matcher.find()) {
                    if (ids.put(matcher.group(1), file.getFileName().toString()) != null) {
                        duplicates.add(matcher.group(1));
                    }
                }
            }
        }
        assertEquals(List.of(), duplicates, "ids used twice");
        return ids;
    }

    @Test
    void readmeLogsTable_listsExactlyTheIdsOfTheCode() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        int start = readme.indexOf("### Logs");
        assertTrue(start >= 0, "README has a Logs section");
        int end = readme.indexOf("\n#", start + 1);
        Matcher matcher = ID_IN_README.matcher(readme.substring(start, end < 0 ? readme.length() : end));
        List<String> listed = new ArrayList<>();
        while (matcher.find()) {
            listed.add(matcher.group(1));
        }
        assertEquals(List.copyOf(idsInCode().keySet()), listed, "README Logs table, in id order");
    }

    @Test
    void everyLogCall_carriesAnId() throws IOException {
        List<String> without = new ArrayList<>();
        try (Stream<Path> files = Files.walk(ROOT.resolve("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                Matcher call = LOG_CALL.matcher(source);
                while (call.find()) {
                    String statement = source.substring(call.start(), Math.min(source.length(), call.start() + 200));
                    if (!ID_IN_CODE.matcher(statement).find()) {
                        without.add(file.getFileName() + ": " + statement.lines().findFirst().orElse(""));
                    }
                }
            }
        }
        assertEquals(List.of(), without, "log calls without a DOGPILE-nnnn id");
    }
}
