package org.dogpile.cdi.inherited;

import java.util.concurrent.atomic.AtomicInteger;

/** Declares the one method that both beans inherit; carries no annotation itself. */
public class SharedBase {
    private final AtomicInteger runs = new AtomicInteger();

    public String value(String id) {
        return id + "#" + runs.incrementAndGet();
    }
}
