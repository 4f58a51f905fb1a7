package org.dogpile.cdi.inherited;

import jakarta.enterprise.context.ApplicationScoped;
import org.dogpile.Dogpile;

/** Caches the inherited method for 10 s in cache "short". */
@ApplicationScoped
@Dogpile(cache = "short", expireAfter = 10)
public class ShortLived extends SharedBase {
}
