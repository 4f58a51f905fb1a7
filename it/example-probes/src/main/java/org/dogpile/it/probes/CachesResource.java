package org.dogpile.it.probes;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.dogpile.cdi.DogpileCaches;

/** {@code DELETE /api/caches/{cache}}: hard invalidation of a whole cache ({@link DogpileCaches#invalidateAll}). */
@RequestScoped
@Path("caches")
public class CachesResource {

    @Inject
    DogpileCaches caches;

    /** @param cache the cache to empty */
    @DELETE
    @Path("{cache}")
    public void invalidateAll(@PathParam("cache") String cache) {
        caches.invalidateAll(cache);
    }
}
