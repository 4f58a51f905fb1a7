package org.dogpile.testing;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.dogpile.store.DogpileStore;
import org.dogpile.store.InMemoryStore;

/**
 * The application-provided store of the CDI tests: in memory, on one {@link ManualClock} per
 * container, which tests inject to move time.
 */
@Dependent
public class ManualClockStore {

    /** @return the container's clock */
    @Produces
    @Singleton
    ManualClock clock() {
        return new ManualClock();
    }

    /**
     * @param clock the container's clock
     * @return the container's store
     */
    @Produces
    @Singleton
    DogpileStore store(ManualClock clock) {
        return new InMemoryStore(clock);
    }
}
