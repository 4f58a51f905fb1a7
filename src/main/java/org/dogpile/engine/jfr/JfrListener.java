package org.dogpile.engine.jfr;

import org.dogpile.engine.DogpileListener;

/**
 * A {@link DogpileListener} that emits JDK Flight Recorder events in the category "Dogpile":
 * {@code org.dogpile.Regeneration} (cache, method time, failed, failure class, background),
 * {@code org.dogpile.LockWait} (cache, wait time), {@code org.dogpile.LockTimeout},
 * {@code org.dogpile.LeaseLost} and {@code org.dogpile.StoreFailure} (cache, failure class, failed
 * open). The events are enabled by default, so every recording (e.g. {@code -XX:StartFlightRecording})
 * has them; when nothing records, each call costs one check of {@code isEnabled()}. Events carry
 * cache names and exception class names only, never keys, values or messages. Times are fields
 * ({@code methodTime}, {@code waitTime}): the engine reports them when they are over, so the
 * events themselves are instants.
 */
public final class JfrListener implements DogpileListener {

    /** Creates the listener; it holds no state. */
    public JfrListener() {
    }

    @Override
    public void onRegeneration(String cache, long durationNanos, Throwable failure, boolean background) {
        RegenerationEvent event = new RegenerationEvent();
        if (event.isEnabled()) {
            event.cache = cache;
            event.methodTime = durationNanos;
            event.failed = failure != null;
            event.failure = failure == null ? null : failure.getClass().getName();
            event.background = background;
            event.commit();
        }
    }

    @Override
    public void onMissWaited(String cache, long waitNanos) {
        LockWaitEvent event = new LockWaitEvent();
        if (event.isEnabled()) {
            event.cache = cache;
            event.waitTime = waitNanos;
            event.commit();
        }
    }

    @Override
    public void onLockTimeout(String cache, boolean fallbackCall) {
        LockTimeoutEvent event = new LockTimeoutEvent();
        if (event.isEnabled()) {
            event.cache = cache;
            event.fallbackCall = fallbackCall;
            event.commit();
        }
    }

    @Override
    public void onLeaseLost(String cache) {
        LeaseLostEvent event = new LeaseLostEvent();
        if (event.isEnabled()) {
            event.cache = cache;
            event.commit();
        }
    }

    @Override
    public void onStoreFailure(String cache, RuntimeException failure, boolean failedOpen) {
        StoreFailureEvent event = new StoreFailureEvent();
        if (event.isEnabled()) {
            event.cache = cache;
            event.failure = failure == null ? null : failure.getClass().getName();
            event.failedOpen = failedOpen;
            event.commit();
        }
    }
}
