package org.dogpile.it.misuse;

import jakarta.enterprise.context.ApplicationScoped;
import org.dogpile.Dogpile;

/** Misuse on purpose: a {@code void} method has no result to cache, so the deployment must fail. */
@ApplicationScoped
public class BrokenRefresh {

    /**
     * Nothing to cache here.
     *
     * @param symbol ignored
     */
    @Dogpile(expireAfter = 5)
    public void refresh(String symbol) {
    }
}
