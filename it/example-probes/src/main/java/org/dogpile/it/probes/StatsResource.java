package org.dogpile.it.probes;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.dogpile.examples.quotes.QuoteBackend;

/**
 * {@code GET /api/stats}: how often the example's backend ran in this server (every service of the
 * example asks the same backend), and which Hazelcast instance holds the dogpile maps;
 * {@code GET /api/stats/running}: the backend calls running now.
 */
@RequestScoped
@Path("stats")
public class StatsResource {

    @Inject
    QuoteBackend backend;

    /** @return the statistics, as JSON */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Stats stats() {
        return new Stats(backend.invocations(), backend.recentInvocations(), HazelcastReport.collect());
    }

    /** @return the backend calls of this server that are running now, as JSON; cheap enough to poll */
    @GET
    @Path("running")
    @Produces(MediaType.APPLICATION_JSON)
    public List<QuoteBackend.Invocation> running() {
        return backend.runningInvocations();
    }

    /**
     * The statistics.
     *
     * @param invocations how often the backend ran in this server
     * @param recentInvocations the most recent backend calls, oldest first
     * @param hazelcast the Hazelcast instances of this JVM and what they hold
     */
    public record Stats(long invocations, List<QuoteBackend.Invocation> recentInvocations, HazelcastReport hazelcast) {
    }
}
