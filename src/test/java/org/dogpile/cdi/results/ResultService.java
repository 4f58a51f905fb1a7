package org.dogpile.cdi.results;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.dogpile.Dogpile;
import org.dogpile.testing.Gate;

/** Methods of every supported return type. */
@ApplicationScoped
public class ResultService {
    private final Gate gate = new Gate();

    public Gate gate() {
        return gate;
    }

    private volatile CompletableFuture<String> pendingStage;

    /** The next stage method returns this stage. */
    public void returnStage(CompletableFuture<String> stage) {
        pendingStage = stage;
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
}
