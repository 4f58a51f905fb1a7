package org.dogpile.engine.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.dogpile.engine.DogpileListener;

/**
 * Hands every event to several listeners, in order. A listener that throws despite its contract
 * does not keep the event from the others, nor reaches the engine.
 *
 * <pre>{@code
 * DogpileListener listener = CompositeListener.of(stats, new JfrListener());
 * }</pre>
 */
public final class CompositeListener implements DogpileListener {

    private final DogpileListener[] listeners;

    private CompositeListener(DogpileListener[] listeners) {
        this.listeners = listeners;
    }

    /**
     * Combines listeners. {@link DogpileListener#NONE} entries are dropped, nested composites are
     * flattened; with one listener left, that listener itself is returned.
     *
     * @param listeners the listeners, in calling order
     * @return a listener calling each of them
     */
    public static DogpileListener of(DogpileListener... listeners) {
        Objects.requireNonNull(listeners, "listeners cannot be null");
        return of(List.of(listeners));
    }

    /**
     * Combines listeners, as {@link #of(DogpileListener...)}.
     *
     * @param listeners the listeners, in calling order
     * @return a listener calling each of them
     */
    public static DogpileListener of(List<? extends DogpileListener> listeners) {
        Objects.requireNonNull(listeners, "listeners cannot be null");
        List<DogpileListener> flat = new ArrayList<>();
        for (DogpileListener listener : listeners) {
            Objects.requireNonNull(listener, "composite listener cannot contain null");
            if (listener instanceof CompositeListener composite) {
                flat.addAll(List.of(composite.listeners));
            } else if (listener != DogpileListener.NONE) {
                flat.add(listener);
            }
        }
        if (flat.isEmpty()) {
            return DogpileListener.NONE;
        }
        return flat.size() == 1 ? flat.get(0) : new CompositeListener(flat.toArray(DogpileListener[]::new));
    }

    /** @return the listeners, in calling order */
    public List<DogpileListener> listeners() {
        return List.of(listeners);
    }

    @Override
    public void onFreshHit(String cache) {
        for (DogpileListener listener : listeners) {
            try {
                listener.onFreshHit(cache);
            } catch (RuntimeException ignored) {
                // listeners must not throw; one that does loses its event, nothing more
            }
        }
    }

    @Override
    public void onStaleHit(String cache) {
        for (DogpileListener listener : listeners) {
            try {
                listener.onStaleHit(cache);
            } catch (RuntimeException ignored) {
                // as above
            }
        }
    }

    @Override
    public void onMissWaited(String cache, long waitNanos) {
        for (DogpileListener listener : listeners) {
            try {
                listener.onMissWaited(cache, waitNanos);
            } catch (RuntimeException ignored) {
                // as above
            }
        }
    }

    @Override
    public void onRegeneration(String cache, long durationNanos, Throwable failure, boolean background) {
        for (DogpileListener listener : listeners) {
            try {
                listener.onRegeneration(cache, durationNanos, failure, background);
            } catch (RuntimeException ignored) {
                // as above
            }
        }
    }

    @Override
    public void onLockTimeout(String cache, boolean fallbackCall) {
        for (DogpileListener listener : listeners) {
            try {
                listener.onLockTimeout(cache, fallbackCall);
            } catch (RuntimeException ignored) {
                // as above
            }
        }
    }

    @Override
    public void onStaleIfError(String cache) {
        for (DogpileListener listener : listeners) {
            try {
                listener.onStaleIfError(cache);
            } catch (RuntimeException ignored) {
                // as above
            }
        }
    }

    @Override
    public void onLeaseRenewed(String cache) {
        for (DogpileListener listener : listeners) {
            try {
                listener.onLeaseRenewed(cache);
            } catch (RuntimeException ignored) {
                // as above
            }
        }
    }

    @Override
    public void onLeaseLost(String cache) {
        for (DogpileListener listener : listeners) {
            try {
                listener.onLeaseLost(cache);
            } catch (RuntimeException ignored) {
                // as above
            }
        }
    }

    @Override
    public void onWriteRefused(String cache) {
        for (DogpileListener listener : listeners) {
            try {
                listener.onWriteRefused(cache);
            } catch (RuntimeException ignored) {
                // as above
            }
        }
    }

    @Override
    public void onInvalidation(String cache, boolean soft, boolean wholeCache) {
        for (DogpileListener listener : listeners) {
            try {
                listener.onInvalidation(cache, soft, wholeCache);
            } catch (RuntimeException ignored) {
                // as above
            }
        }
    }

    @Override
    public void onStoreFailure(String cache, RuntimeException failure, boolean failedOpen) {
        for (DogpileListener listener : listeners) {
            try {
                listener.onStoreFailure(cache, failure, failedOpen);
            } catch (RuntimeException ignored) {
                // as above
            }
        }
    }

    @Override
    public void onLocalHit(String cache) {
        for (DogpileListener listener : listeners) {
            try {
                listener.onLocalHit(cache);
            } catch (RuntimeException ignored) {
                // as above
            }
        }
    }
}
