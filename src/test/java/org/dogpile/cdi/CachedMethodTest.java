package org.dogpile.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.dogpile.Dogpile;
import org.dogpile.engine.DogpileEngine;
import org.dogpile.engine.DogpilePolicy;
import org.dogpile.store.InMemoryStore;
import org.junit.jupiter.api.Test;

/** The interceptor's logic without a container: metadata, return kinds, configuration parsing. */
class CachedMethodTest {

    @SuppressWarnings("unused")
    static class Samples {
        @Dogpile
        public Optional<String> optional(String id) {
            return Optional.empty();
        }

        @Dogpile
        public CompletionStage<String> stage(String id) {
            return null;
        }

        @Dogpile
        public CompletableFuture<Optional<String>> stageOfOptional(String id) {
            return null;
        }

        @Dogpile
        public int primitive() {
            return 0;
        }
    }

    private final AtomicLong millis = new AtomicLong(1_000);
    private final DogpileEngine engine = new DogpileEngine(new InMemoryStore(millis::get), Runnable::run);
    private final AtomicInteger runs = new AtomicInteger();

    private static Method method(String name) throws NoSuchMethodException {
        for (Method method : Samples.class.getMethods()) {
            if (method.getName().equals(name)) {
                return method;
            }
        }
        throw new NoSuchMethodException(name);
    }

    private static final DogpilePolicy POLICY = DogpilePolicy.expireAfter(Duration.ofSeconds(5));

    private CachedMethod cached(String name, DogpilePolicy policy) throws NoSuchMethodException {
        Method method = method(name);
        return new CachedMethod(method, name, null, policy, KeyFunction.arguments(method), ReturnKind.of(method));
    }

    @Test
    void returnKind_eachSupportedType_classified() throws Exception {
        assertEquals(ReturnKind.OPTIONAL, ReturnKind.of(method("optional")));
        assertEquals(ReturnKind.STAGE, ReturnKind.of(method("stage")));
        assertEquals(ReturnKind.STAGE_OF_OPTIONAL, ReturnKind.of(method("stageOfOptional")));
        assertEquals(ReturnKind.VALUE, ReturnKind.of(method("primitive")));
    }

    @Test
    void optional_empty_storedAsNullAndRewrapped() throws Exception {
        CachedMethod cached = cached("optional", DogpilePolicy.expireAfter(Duration.ofSeconds(5)));
        Object[] args = {"a"};
        assertEquals(Optional.empty(), cached.invoke(engine, args, () -> {
            runs.incrementAndGet();
            return Optional.empty();
        }));
        assertEquals(Optional.empty(), cached.invoke(engine, args, () -> Optional.of("never")));
        assertEquals(1, runs.get());
        assertEquals(null, engine.peek("optional", cached.keyOf(args)).orElseThrow().value());
    }

    @Test
    void stage_methodThrowsSynchronously_exceptionThrownUnchanged() throws Exception {
        CachedMethod cached = cached("stage", DogpilePolicy.expireAfter(Duration.ofSeconds(5)));
        IllegalArgumentException failure = new IllegalArgumentException("bad id");
        assertSame(failure, assertThrows(IllegalArgumentException.class,
            () -> cached.invoke(engine, new Object[] {"a"}, () -> {
                throw failure;
            })));
    }

    @Test
    void stage_failsWithStaleValueAndStaleIfError_staleValueCompleted() throws Exception {
        CachedMethod cached = cached("stage", DogpilePolicy.expireAfter(Duration.ofSeconds(5))
            .withStaleIfError(Duration.ofSeconds(60)));
        Object[] args = {"a"};
        cached.invoke(engine, args, () -> CompletableFuture.completedFuture("old"));
        millis.addAndGet(6_000);
        @SuppressWarnings("unchecked")
        CompletableFuture<String> result = (CompletableFuture<String>) cached.invoke(engine, args,
            () -> CompletableFuture.failedFuture(new IllegalStateException("down")));
        assertEquals("old", result.get());
    }

    @Test
    void stage_fails_failedStageWithOriginalCause() throws Exception {
        CachedMethod cached = cached("stage", DogpilePolicy.expireAfter(Duration.ofSeconds(5)));
        IllegalStateException failure = new IllegalStateException("down");
        CompletableFuture<?> result = (CompletableFuture<?>) cached.invoke(engine, new Object[] {"a"},
            () -> CompletableFuture.supplyAsync(() -> {
                throw failure;
            }, Runnable::run));
        assertSame(failure, assertThrows(ExecutionException.class, result::get).getCause());
        assertFalse(engine.peek("stage", cached.keyOf(new Object[] {"a"})).isPresent());
    }

    @Test
    void stageOfOptional_empty_completedWithEmpty() throws Exception {
        CachedMethod cached = cached("stageOfOptional", DogpilePolicy.expireAfter(Duration.ofSeconds(5)));
        CompletableFuture<?> result = (CompletableFuture<?>) cached.invoke(engine, new Object[] {"a"},
            () -> CompletableFuture.completedFuture(Optional.empty()));
        assertEquals(Optional.empty(), result.get());
        assertTrue(engine.peek("stageOfOptional", cached.keyOf(new Object[] {"a"})).isPresent());
    }

    @Test
    void firstCall_methodNotReportedAtDeployment_metadataResolvedFromAnnotationsOnce() throws Exception {
        DogpileRuntime runtime = new DogpileRuntime(null,
            new DogpileRegistry.Builder(ConfigLookup.of(System.getProperties(), System.getenv()), getClass().getClassLoader()).build(true));
        CachedMethod first = (CachedMethod) runtime.operation(Samples.class, method("optional"));
        assertEquals("org.dogpile.cdi.CachedMethodTest$Samples#optional(java.lang.String)", first.cache());
        assertEquals(ReturnKind.OPTIONAL, first.kind());
        assertSame(first, runtime.operation(Samples.class, method("optional")));
        assertEquals(null, runtime.operation(Samples.class, Object.class.getMethod("toString")));
    }

    @Test
    void unknownProperties_nestedCacheNames_attributedToLongestName() throws Exception {
        ConfigLookup config = new ConfigLookup() {
            private final Map<String, String> values = Map.of(
                "dogpile.a.expire-after", "1", "dogpile.a.b.expire-after", "2", "dogpile.a.b.typo", "3",
                "dogpile.store", "memory", "other.property", "x");

            @Override
            public Optional<String> value(String name) {
                return Optional.ofNullable(values.get(name));
            }

            @Override
            public Iterable<String> propertyNames() {
                return values.keySet();
            }
        };
        List<String> problems = ConfigKeys.problems(config, Map.of("a", cached("primitive", POLICY),
            "a.b", cached("primitive", POLICY)));
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).startsWith("unknown property dogpile.a.b.typo for cache 'a.b'"), problems::toString);
    }
}
