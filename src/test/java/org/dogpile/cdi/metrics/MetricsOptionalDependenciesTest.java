package org.dogpile.cdi.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.enterprise.inject.spi.BeanManager;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Micrometer, MicroProfile Metrics and OpenTelemetry are optional: without them every class of the stats, JFR
 * and metrics packages links except the ones isolating each, and the CDI layer's observability starts without touching it.
 */
class MetricsOptionalDependenciesTest {

    private static final Path CLASSES = Path.of(System.getProperty("user.dir"), "target", "classes");
    /** The classes that isolate a metrics API: only they may touch it. */
    private static final List<String> ISOLATING = List.of("org.dogpile.cdi.metrics.MicrometerSupport",
        "org.dogpile.cdi.metrics.MicroProfileMetricsSupport", "org.dogpile.cdi.metrics.OpenTelemetrySupport",
        "org.dogpile.cdi.metrics.MicrometerMetrics", "org.dogpile.cdi.metrics.MicroProfileMetrics",
        "org.dogpile.cdi.metrics.OpenTelemetryMetrics");
    /** The isolating classes whose signatures name the API, so that they cannot even link without it. */
    private static final List<String> NEED_THEIR_API = ISOLATING.subList(3, 6);

    /** Loads org.dogpile.* classes itself and hides the metrics APIs. */
    private static final class WithoutMicrometer extends ClassLoader {
        WithoutMicrometer(ClassLoader parent) {
            super(parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("io.micrometer.") || name.startsWith("org.eclipse.microprofile.metrics.")
                    || name.startsWith("io.opentelemetry.")) {
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
    void withoutMicrometer_everyOtherClassLinks() throws Exception {
        ClassLoader loader = new WithoutMicrometer(getClass().getClassLoader());
        List<String> names = Stream.of(classesIn("org/dogpile/cdi/metrics"), classesIn("org/dogpile/engine/stats"),
                classesIn("org/dogpile/engine/jfr"), classesIn("org/dogpile/cdi"))
            .flatMap(List::stream).collect(Collectors.toList());
        for (String name : names) {
            if (ISOLATING.contains(name) || name.startsWith("org.dogpile.cdi.HazelcastSupport")) {
                continue;
            }
            Class<?> type = Class.forName(name, true, loader);
            type.getDeclaredMethods();
            type.getDeclaredFields();
            type.getDeclaredConstructors();
        }
        for (String isolating : NEED_THEIR_API) {
            assertThrows(NoClassDefFoundError.class, () -> {
                Class<?> type = Class.forName(isolating, true, loader);
                type.getDeclaredMethods();
                type.getDeclaredFields();
                type.getDeclaredConstructors();
            }, isolating + " is expected to need its metrics API");
        }
    }

    @Test
    void observabilityStart_withoutMetricsApis_countsWithoutLookingForARegistry() throws Exception {
        ClassLoader loader = new WithoutMicrometer(getClass().getClassLoader());
        BeanManager untouchable = (BeanManager) Proxy.newProxyInstance(loader, new Class<?>[] {BeanManager.class},
            (proxy, method, args) -> {
                throw new AssertionError("no bean lookup without a metrics API: " + method.getName());
            });
        Class<?> observability = Class.forName(Observability.class.getName(), true, loader);
        Method start = observability.getMethod("start", BeanManager.class, ClassLoader.class, java.util.Collection.class);
        Object started = start.invoke(null, untouchable, loader, Set.of("prices"));
        Object stats = observability.getMethod("stats").invoke(started);
        Object listener = observability.getMethod("listener").invoke(started);
        listener.getClass().getMethod("onFreshHit", String.class).invoke(listener, "prices");
        Object snapshot = stats.getClass().getMethod("snapshot", String.class).invoke(stats, "prices");
        assertEquals(1L, snapshot.getClass().getMethod("freshHits").invoke(snapshot));
        observability.getMethod("close").invoke(started);
    }
}
