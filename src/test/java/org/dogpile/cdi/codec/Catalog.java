package org.dogpile.cdi.codec;

import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.dogpile.Dogpile;

/** Caches a non-Serializable record with JSON-B and a Serializable one with the Java codec. */
@ApplicationScoped
public class Catalog {
    /** Calls of the methods, across containers. */
    public static final AtomicInteger CALLS = new AtomicInteger();

    /**
     * @param region region
     * @return offers
     */
    @Dogpile(cache = "offers", expireAfter = 600)
    public List<Offer> offers(String region) {
        CALLS.incrementAndGet();
        return List.of(new Offer(region + "-1", new BigDecimal("9.90"), LocalDate.of(2027, 1, 31)),
            new Offer(region + "-2", BigDecimal.ONE, LocalDate.of(2027, 2, 1)));
    }

    /**
     * @param id id
     * @return a quote
     */
    @Dogpile(cache = "quotes", expireAfter = 600)
    public Optional<Quote> quote(String id) {
        CALLS.incrementAndGet();
        return Optional.of(new Quote(id, Instant.ofEpochSecond(1_800_000_000L)));
    }
}
