package org.dogpile.cdi.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real environment variables, in a JVM of their own: the short key of a default-named cache as an
 * environment variable ({@code DOGPILE_DEFAULTNAMED_VALUE_EXPIRE_AFTER}) configures it, with
 * MicroProfile Config (its environment source) and without it (the library's own lookup); a
 * misspelt {@code DOGPILE_*} variable fails the deployment naming it.
 */
class EnvironmentVariablesTest {

    @TempDir
    Path output;

    private record Run(int exitCode, String output) { }

    @Test
    void shortKeyAsEnvironmentVariable_withMicroProfileConfig_configuresTheCache() throws Exception {
        Run run = run(classPath(true), Map.of("DOGPILE_DEFAULTNAMED_VALUE_EXPIRE_AFTER", "5s"), 5000);
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("values: a#1 a#1 a#2"), run.output());
    }

    @Test
    void shortKeyAsEnvironmentVariable_withoutMicroProfileConfig_configuresTheCache() throws Exception {
        Run run = run(classPath(false), Map.of("DOGPILE_DEFAULTNAMED_VALUE_EXPIRE_AFTER", "PT5S"), 5000);
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("values: a#1 a#1 a#2"), run.output());
    }

    @Test
    void defaultsAsEnvironmentVariable_withMicroProfileConfig_configuresTheCache() throws Exception {
        Run run = run(classPath(true), Map.of("DOGPILE_DEFAULTS_EXPIRE_AFTER", "1500ms"), 1500);
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("values: a#1 a#1 a#2"), run.output());
    }

    @Test
    void misspeltEnvironmentVariable_deploy_failsNamingIt() throws Exception {
        Run run = run(classPath(true), Map.of("DOGPILE_DEFAULTNAMED_VALUE_EXPIRE_AFTR", "5s"), 5000);
        assertNotEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("unknown configuration key DOGPILE_DEFAULTNAMED_VALUE_EXPIRE_AFTR"),
            run.output());
    }

    private static String classPath(boolean withMicroProfileConfig) {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(entry -> withMicroProfileConfig
                || !(entry.contains("microprofile-config") || entry.contains("smallrye-config")
                    || entry.contains(File.separator + "smallrye" + File.separator + "config")))
            .collect(Collectors.joining(File.pathSeparator));
    }

    private Run run(String classPath, Map<String, String> environment, long expiryMillis) throws Exception {
        Path log = Files.createTempFile(output, "run", ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", classPath, EnvironmentMain.class.getName(), Long.toString(expiryMillis))
            .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.toUpperCase().startsWith("DOGPILE_"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        try {
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                throw new AssertionError("the JVM did not finish within 2 minutes: " + read(log));
            }
            return new Run(process.exitValue(), read(log));
        } finally {
            process.destroyForcibly();
        }
    }

    private static String read(Path log) throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }
}
