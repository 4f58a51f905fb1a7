package org.dogpile.key;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keys must be equal in every JVM of a cluster: encodes the same seeded tuples (with enums in hash
 * sets and maps, whose iteration order follows per-JVM identity hash codes) here and in a separate
 * JVM, and compares the fingerprints.
 *
 * <p>Set {@code dogpile.test.otherJavaHome} to a second JDK (for example a newer one) to also compare
 * against it.
 */
class CrossJvmKeysTest {

    private static final long SEED = 20240301L;
    private static final int TUPLES = 12_000;
    private static final long CHILD_TIMEOUT_SECONDS = 60;

    @TempDir
    Path dir;

    @Test
    void keys_childJvm_identicalToThisJvm() throws Exception {
        assertSameKeysAs(System.getProperty("java.home"));
    }

    @Test
    @EnabledIfSystemProperty(named = "dogpile.test.otherJavaHome", matches = ".+")
    void keys_otherJdk_identicalToThisJvm() throws Exception {
        assertSameKeysAs(System.getProperty("dogpile.test.otherJavaHome"));
    }

    private void assertSameKeysAs(String javaHome) throws IOException, InterruptedException {
        String here = CrossJvmKeys.fingerprint(SEED, TUPLES);
        String there = runChild(javaHome);

        assertEquals(withoutIteration(here), withoutIteration(there), "keys differ between the JVMs");
        assertTrue(here.contains("\nsample="), here);
        assertTrue(here.contains("\nlong-sample=1h:"), "long keys are compared in their hashed form: " + here);
        assertNotEquals(iteration(here), iteration(there),
            "precondition: hashed collections of enums iterate in the same order in both JVMs, so this test "
                + "would not notice keys that depend on identity hash codes");
    }

    private String runChild(String javaHome) throws IOException, InterruptedException {
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        Process child = new ProcessBuilder(List.of(
                Path.of(javaHome, "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                CrossJvmKeys.class.getName(), Long.toString(SEED), Integer.toString(TUPLES), "12345"))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
        if (!child.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            child.destroyForcibly();
            fail("child JVM did not finish within " + CHILD_TIMEOUT_SECONDS + " s; stderr:\n" + read(err));
        }
        if (child.exitValue() != 0) {
            fail("child JVM exited with " + child.exitValue() + "; stderr:\n" + read(err));
        }
        return read(out);
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    private static String withoutIteration(String fingerprint) {
        return fingerprint.substring(0, fingerprint.indexOf("iteration="));
    }

    private static String iteration(String fingerprint) {
        return fingerprint.substring(fingerprint.indexOf("iteration="));
    }
}
