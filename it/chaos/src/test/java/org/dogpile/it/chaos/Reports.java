package org.dogpile.it.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;

/** Where the tests write what they measured: standard output and a file under the work directory. */
final class Reports {
    private Reports() {
    }

    /** @return the directory for node logs and reports, from {@code chaos.workDir} */
    static Path workDir() {
        return Path.of(System.getProperty("chaos.workDir", "target/chaos"));
    }

    /**
     * @param property a system property
     * @param defaultValue its value when unset
     * @return the property as an int
     */
    static int intProperty(String property, int defaultValue) {
        String value = System.getProperty(property);
        return value == null || value.isBlank() ? defaultValue : Integer.parseInt(value.trim());
    }

    /**
     * Prints a report and writes it to a file.
     *
     * @param file the file name under the work directory
     * @param lines the report
     */
    static void write(String file, List<String> lines) {
        write(file, lines, true);
    }

    private static void write(String file, List<String> lines, boolean print) {
        if (print) {
            lines.forEach(System.out::println);
        }
        try {
            Files.createDirectories(workDir());
            Files.write(workDir().resolve(file), lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes events as their protocol lines, for a look at the merged timeline after the run.
     *
     * @param file the file name under the work directory
     * @param events the events
     */
    static void writeEvents(String file, List<RegenerationEvent> events) {
        write(file, events.stream().sorted(java.util.Comparator.comparingLong(RegenerationEvent::wallMicros))
            .map(RegenerationEvent::toLine).toList(), false);
    }

    /**
     * @param values some values, not empty
     * @return the median: the middle value, or the mean of the two middle values
     */
    static double median(long... values) {
        long[] sorted = LongStream.of(values).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
    }
}
