package org.dogpile.cdi.app;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.dogpile.Dogpile;
import org.dogpile.DogpileInvalidate;
import org.dogpile.DogpileInvalidateAll;
import org.dogpile.DogpileKey;

/** A typical cached service; every method counts its runs through its gate. */
@ApplicationScoped
public class PriceService {
    private final Gate gate = new Gate();
    private volatile CompletableFuture<String> pendingStage;
    private volatile RuntimeException failure;

    public Gate gate() {
        return gate;
    }

    /** The next run throws this (once). */
    public void failNextRun(RuntimeException next) {
        failure = next;
    }

    /** The next stage method returns this stage. */
    public void returnStage(CompletableFuture<String> stage) {
        pendingStage = stage;
    }

    private void maybeFail() {
        RuntimeException next = failure;
        if (next != null) {
            failure = null;
            throw next;
        }
    }

    @Dogpile(expireAfter = 30, cache = "prices", maxStale = 300)
    public String prices(String region) {
        int run = gate.pass();
        maybeFail();
        return region + "#" + run;
    }

    @Dogpile(expireAfter = 30)
    public String defaultNamed(String region) {
        return region + "#" + gate.pass();
    }

    @Dogpile(expireAfter = 30, cache = "byCurrency")
    public String quote(@DogpileKey String currency, int requestNumber) {
        return currency + "#" + gate.pass() + "/" + requestNumber;
    }

    @Dogpile(cache = "optional")
    public Optional<String> find(String id) {
        int run = gate.pass();
        return id.equals("none") ? Optional.empty() : Optional.of(id + "#" + run);
    }

    @Dogpile(cache = "nullable")
    public String nullable(String id) {
        gate.pass();
        return null;
    }

    @Dogpile(cache = "nullNotCached", cacheNull = false)
    public String nullNotCached(String id) {
        gate.pass();
        return null;
    }

    @Dogpile(cache = "stage", expireAfter = 30)
    public CompletionStage<String> stage(String id) {
        int run = gate.pass();
        CompletableFuture<String> stage = pendingStage;
        pendingStage = null;
        return stage != null ? stage : CompletableFuture.completedFuture(id + "#" + run);
    }

    @Dogpile(cache = "shortLease", leaseMillis = 50)
    public CompletableFuture<String> slowStage(String id) {
        gate.pass();
        CompletableFuture<String> stage = pendingStage;
        pendingStage = null;
        return stage;
    }

    @Dogpile(cache = "stageOfOptional")
    public CompletableFuture<Optional<String>> stageOfOptional(String id) {
        int run = gate.pass();
        return CompletableFuture.completedFuture(id.equals("none") ? Optional.empty() : Optional.of(id + "#" + run));
    }

    @Dogpile(cache = "staleIfError", expireAfter = 10, staleIfError = 60)
    public String staleIfError(String id) {
        int run = gate.pass();
        maybeFail();
        return id + "#" + run;
    }

    @Dogpile(cache = "background", expireAfter = 10, background = true)
    public String background(String id) {
        return id + "#" + gate.pass();
    }

    @Dogpile(cache = "backgroundStage", expireAfter = 10, background = true)
    public CompletionStage<String> backgroundStage(String id) {
        return CompletableFuture.completedFuture(id + "#" + gate.pass());
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
