package org.dogpile.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Hazelcast, JCache, MicroProfile Config and the JTA API are optional: every class of the
 * annotations and the CDI layer loads, links and initializes without them, except the one class that
 * isolates each.
 */
class OptionalDependenciesTest {

    private static final Path CLASSES = Path.of(System.getProperty("user.dir"), "target", "classes");
    private static final List<String> ISOLATING = List.of("org.dogpile.cdi.HazelcastSupport",
        "org.dogpile.cdi.JCacheSupport", "org.dogpile.cdi.MicroProfileConfigLookup",
        "org.dogpile.cdi.JtaSynchronizations");

    /** Loads org.dogpile.* classes itself and hides Hazelcast, JCache, MicroProfile Config and JTA. */
    private static final class WithoutOptionalDependencies extends ClassLoader {
        WithoutOptionalDependencies(ClassLoader parent) {
            super(parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("com.hazelcast.") || name.startsWith("org.eclipse.microprofile.")
                    || name.startsWith("javax.cache.") || name.startsWith("jakarta.transaction.")) {
                throw new ClassNotFoundException(name);
            }
            if (!name.startsWith("org.dogpile.")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    Path file = CLASSES.resolve(name.replace('.', '/') + ".class");
                    try (InputStream in = Files.newInputStream(file)) {
                        byte[] bytes = in.readAllBytes();
                        loaded = defineClass(name, bytes, 0, bytes.length);
                    } catch (IOException missing) {
                        throw new ClassNotFoundException(name, missing);
                    }
                }
                return loaded;
            }
        }
    }

    private static List<String> classesIn(String packagePath) throws IOException {
        try (Stream<Path> files = Files.list(CLASSES.resolve(packagePath))) {
            return files.map(Path::getFileName).map(Path::toString).filter(f -> f.endsWith(".class"))
                .map(f -> packagePath.replace('/', '.') + "." + f.substring(0, f.length() - ".class".length()))
                .sorted().collect(Collectors.toList());
        }
    }

    @Test
    void cdiLayer_withoutHazelcastAndMicroProfileConfig_everyOtherClassLinks() throws Exception {
        ClassLoader loader = new WithoutOptionalDependencies(getClass().getClassLoader());
        List<String> names = Stream.of(classesIn("org/dogpile"), classesIn("org/dogpile/cdi"),
                classesIn("org/dogpile/engine"), classesIn("org/dogpile/store"))
            .flatMap(List::stream).collect(Collectors.toList());
        for (String name : names) {
            if (ISOLATING.stream().anyMatch(name::startsWith)) {
                continue;
            }
            Class<?> type = Class.forName(name, true, loader);
            type.getDeclaredMethods();
            type.getDeclaredFields();
            type.getDeclaredConstructors();
        }
        for (String isolating : ISOLATING) {
            assertThrows(NoClassDefFoundError.class, () -> {
                Class<?> type = Class.forName(isolating, true, loader);
                type.getDeclaredMethods();
                type.getDeclaredFields();
                type.getDeclaredConstructors();
            }, isolating + " is expected to need its optional dependency");
        }
    }

    @Test
    void configLookup_withoutMicroProfileConfig_systemProperties() throws Exception {
        ClassLoader loader = new WithoutOptionalDependencies(getClass().getClassLoader());
        Class<?> lookup = Class.forName("org.dogpile.cdi.ConfigLookup", true, loader);
        Method detect = lookup.getDeclaredMethod("detect", ClassLoader.class);
        detect.setAccessible(true);
        Object detected = detect.invoke(null, loader);
        Method value = lookup.getDeclaredMethod("value", String.class);
        value.setAccessible(true);
        assertEquals(java.util.Optional.ofNullable(System.getProperty("java.version")), value.invoke(detected, "java.version"));
        assertEquals(false, detected.getClass().getName().contains("MicroProfile"));
    }
}
