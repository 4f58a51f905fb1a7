package org.dogpile.it.bench;

import com.hazelcast.core.HazelcastInstance;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.inject.Singleton;
import org.dogpile.cdi.DogpileExtension;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * Makes one Hazelcast member the application's {@code HazelcastInstance} bean of one Weld
 * container, so that each container of this JVM uses its own member, as each JVM of a real cluster
 * would.
 */
public final class ProvidesHazelcast implements Extension {
    private final HazelcastInstance member;

    /** @param member the member to provide */
    public ProvidesHazelcast(HazelcastInstance member) {
        this.member = member;
    }

    void addBean(@Observes AfterBeanDiscovery event) {
        event.addBean().types(HazelcastInstance.class, Object.class).scope(Singleton.class)
            .createWith(context -> member);
    }

    /**
     * Starts a Weld SE container with the dogpile extension and {@link DogpilePrices} on a member.
     *
     * @param id the container id, unique in this JVM
     * @param member the member
     * @return the running container
     */
    public static WeldContainer start(String id, HazelcastInstance member) {
        return new Weld(id).disableDiscovery()
            .addExtension(new DogpileExtension())
            .addExtension(new ProvidesHazelcast(member))
            .addBeanClasses(DogpilePrices.class)
            .initialize();
    }
}
