package org.dogpile.cdi.app;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.dogpile.store.DogpileStore;
import org.dogpile.store.InMemoryStore;

/** The application-provided store of the tests: in memory, on the manual clock. */
@ApplicationScoped
public class TestStore {

    @Produces
    @Singleton
    DogpileStore store(ManualClock clock) {
        return new InMemoryStore(clock::millis);
    }
}
