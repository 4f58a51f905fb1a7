package org.dogpile.cdi.fallbacks;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.dogpile.Dogpile;
import org.dogpile.testing.Gate;

/** Methods that serve stale values on errors or regenerate in the background. */
@ApplicationScoped
public class FallbackService {
    private final Gate gate = new Gate();

    public Gate gate() {
        return gate;
    }

    private volatile RuntimeException failure;

    /** The next run throws this (once). */
    public void failNextRun(RuntimeException next) {
        failure = next;
    }

    private void maybeFail() {
        RuntimeException next = failure;
        if (next != null) {
            failure = null;
            throw next;
        }
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
}
