package org.dogpile.engine.jfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.nio.file.Path;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import jdk.jfr.consumer.RecordingStream;
import org.dogpile.testing.Threads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JfrListenerTest {

    private static final List<String> NAMES = List.of(RegenerationEvent.NAME, LockWaitEvent.NAME,
        LockTimeoutEvent.NAME, LeaseLostEvent.NAME, StoreFailureEvent.NAME);

    private final JfrListener listener = new JfrListener();

    @Test
    void recording_everyEventKind_seenWithCacheNameAndTimes() throws Exception {
        Map<String, List<RecordedEvent>> seen = new ConcurrentHashMap<>();
        CountDownLatch all = new CountDownLatch(6);
        try (RecordingStream stream = new RecordingStream()) {
            for (String name : NAMES) {
                stream.enable(name);
                stream.onEvent(name, event -> {
                    seen.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>()).add(event);
                    all.countDown();
                });
            }
            CountDownLatch started = new CountDownLatch(1);
            stream.onFlush(started::countDown);
            stream.startAsync();
            assertTrue(started.await(Threads.TEST_DEADLINE_SECONDS, TimeUnit.SECONDS), "stream running");

            listener.onRegeneration("prices", 250_000_000L, null, false);
            listener.onRegeneration("prices", 1_000L, new IllegalStateException("secret argument 42"), true);
            listener.onMissWaited("prices", 7_000_000L);
            listener.onLockTimeout("stock", true);
            listener.onLeaseLost("stock");
            listener.onStoreFailure("stock", new IllegalStateException("store down"), true);
            listener.onFreshHit("prices"); // no event for hits

            assertTrue(all.await(Threads.TEST_DEADLINE_SECONDS, TimeUnit.SECONDS), "events seen: " + seen.keySet());
        }

        List<RecordedEvent> regenerations = seen.get(RegenerationEvent.NAME);
        assertEquals(2, regenerations.size());
        RecordedEvent ok = regenerations.get(0);
        assertEquals("prices", ok.getString("cache"));
        assertEquals(Duration.ofMillis(250), ok.getDuration("methodTime"));
        assertFalse(ok.getBoolean("failed"));
        assertNull(ok.getString("failure"));
        assertFalse(ok.getBoolean("background"));
        RecordedEvent failed = regenerations.get(1);
        assertTrue(failed.getBoolean("failed"));
        assertTrue(failed.getBoolean("background"));
        assertEquals(IllegalStateException.class.getName(), failed.getString("failure"), "class only, no message");
        assertEquals(Duration.ofNanos(1_000), failed.getDuration("methodTime"));

        RecordedEvent wait = seen.get(LockWaitEvent.NAME).get(0);
        assertEquals("prices", wait.getString("cache"));
        assertEquals(Duration.ofMillis(7), wait.getDuration("waitTime"));
        assertTrue(seen.get(LockTimeoutEvent.NAME).get(0).getBoolean("fallbackCall"));
        assertEquals("stock", seen.get(LeaseLostEvent.NAME).get(0).getString("cache"));
        RecordedEvent store = seen.get(StoreFailureEvent.NAME).get(0);
        assertEquals("stock", store.getString("cache"));
        assertTrue(store.getBoolean("failedOpen"));
        assertEquals(IllegalStateException.class.getName(), store.getString("failure"));
        assertEquals("Dogpile", store.getEventType().getCategoryNames().get(0));
    }

    @Test
    void defaultProfileRecording_regeneration_inTheFileWithoutEnablingAnything(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("dogpile.jfr");
        try (Recording recording = new Recording(Configuration.getConfiguration("default"))) {
            recording.start();
            listener.onRegeneration("catalog", 42_000_000L, null, true);
            recording.stop();
            recording.dump(file);
        }
        List<RecordedEvent> regenerations = RecordingFile.readAllEvents(file).stream()
            .filter(event -> event.getEventType().getName().equals(RegenerationEvent.NAME))
            .toList();
        assertEquals(1, regenerations.size());
        assertEquals("catalog", regenerations.get(0).getString("cache"));
        assertEquals(Duration.ofMillis(42), regenerations.get(0).getDuration("methodTime"));
        assertTrue(regenerations.get(0).getBoolean("background"));
    }
}
