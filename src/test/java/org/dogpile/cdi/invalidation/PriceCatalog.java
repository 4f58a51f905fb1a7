package org.dogpile.cdi.invalidation;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.dogpile.Dogpile;
import org.dogpile.testing.Gate;
import org.dogpile.DogpileInvalidate;
import org.dogpile.DogpileInvalidateAll;
import org.dogpile.DogpileKey;

/** Cached methods and the methods that invalidate them. */
@ApplicationScoped
public class PriceCatalog {
    private final Gate gate = new Gate();

    public Gate gate() {
        return gate;
    }

    @Dogpile(expireAfter = 30, cache = "prices", maxStale = 300)
    public String prices(String region) {
        int run = gate.pass();
        return region + "#" + run;
    }

    @Dogpile(cache = "optional")
    public Optional<String> find(String id) {
        int run = gate.pass();
        return id.equals("none") ? Optional.empty() : Optional.of(id + "#" + run);
    }

    @DogpileInvalidate(cache = "prices")
    public void updatePrices(@DogpileKey String region, String newPrices) {
    }

    @DogpileInvalidate(cache = "prices", soft = true)
    public void touchPrices(String region) {
    }

    @DogpileInvalidateAll(cache = {"prices", "optional"})
    public CompletionStage<String> reloadAll() {
        return CompletableFuture.completedFuture("reloaded");
    }

    @DogpileInvalidateAll(cache = "prices")
    public void failingReload() {
        throw new IllegalStateException("reload failed");
    }
}
