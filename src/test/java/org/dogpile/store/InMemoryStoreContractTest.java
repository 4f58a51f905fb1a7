package org.dogpile.store;

import java.util.function.LongSupplier;

/** {@link InMemoryStore} keeps the store contract, on a manual clock. */
class InMemoryStoreContractTest extends DogpileStoreContract {

    @Override
    protected DogpileStore createStore(LongSupplier clock) {
        return new InMemoryStore(clock);
    }
}
