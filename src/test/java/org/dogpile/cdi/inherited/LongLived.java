package org.dogpile.cdi.inherited;

import jakarta.enterprise.context.ApplicationScoped;
import org.dogpile.Dogpile;

/** Caches the same inherited method for 60 s in cache "long". */
@ApplicationScoped
@Dogpile(cache = "long", expireAfter = 60)
public class LongLived extends SharedBase {
}
