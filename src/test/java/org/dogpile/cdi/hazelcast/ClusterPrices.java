package org.dogpile.cdi.hazelcast;

import jakarta.enterprise.context.ApplicationScoped;
import org.dogpile.Dogpile;
import org.dogpile.DogpileInvalidate;
import org.dogpile.testing.Gate;

/** Deployed in every container of the cluster test; the gate is shared, so it counts cluster-wide. */
@ApplicationScoped
public class ClusterPrices {
    static volatile Gate gate = new Gate();

    @Dogpile(cache = "cluster", expireAfter = 1, maxStale = 600)
    public String price(String key) {
        return key + "#" + gate.pass();
    }

    @DogpileInvalidate(cache = "cluster")
    public void update(String key) {
    }
}
