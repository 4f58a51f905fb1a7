package org.dogpile.it.chaos;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.cp.IAtomicLong;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * A cluster-wide logical clock: one Hazelcast {@code IAtomicLong} that every node reads and
 * increments. A regeneration takes a new number when its loader starts (its generation); an
 * invalidation takes one before and one after it runs; a caller reads one before it calls. The
 * counter is linearizable, so these numbers order events of different processes without relying on
 * any clock.
 */
@ApplicationScoped
public class Generations {
    /** The name of the counter. */
    public static final String COUNTER = "chaos.generation";

    @Inject
    HazelcastInstance hazelcast;

    private IAtomicLong counter;

    /** Creates the bean; the container does this. */
    public Generations() {
    }

    @PostConstruct
    void counter() {
        counter = hazelcast.getCPSubsystem().getAtomicLong(COUNTER);
    }

    /** @return a new number, larger than every number handed out or read before this call */
    public long next() {
        return counter.incrementAndGet();
    }

    /** @return the latest number handed out */
    public long now() {
        return counter.get();
    }

    /**
     * The generation carried by a value of the form {@code argument#generation#id}.
     *
     * @param value the value
     * @return its generation
     */
    public static long of(String value) {
        String[] parts = value.split("#", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a value with a generation: " + value);
        }
        return Long.parseLong(parts[1]);
    }
}
