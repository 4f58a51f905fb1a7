package org.dogpile.cdi.config;

import jakarta.enterprise.context.ApplicationScoped;
import org.dogpile.Dogpile;

/** Two default-named caches with one short name, {@code Overloaded.value}. */
@ApplicationScoped
public class Overloaded {

    @Dogpile
    public String value(String id) {
        return id;
    }

    @Dogpile
    public String value(int id) {
        return Integer.toString(id);
    }
}
