package org.dogpile.examples.quotes;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.io.ObjectInputFilter;
import org.dogpile.codec.JavaSerializationCodec;
import org.dogpile.codec.ValueCodec;

/**
 * How cached values are encoded in the cluster: Java serialization, read back under an allow-list
 * of the JDK's value types and this application's {@link Quote}, and nothing else. Members of a
 * cluster read each other's values, so the library reads only the types you allow.
 */
@ApplicationScoped
public class QuoteCodec {

    /** The allow-list: the JDK's value types, {@link Quote}, then reject everything else. */
    static final String ALLOWED = "maxdepth=20;maxrefs=100000;maxbytes=16777216;maxarray=1000000;"
        + "java.lang.*;java.util.*;java.time.*;java.math.*;org.dogpile.examples.quotes.Quote;!*";

    /** @return the codec the library uses for every cache of this application */
    @Produces
    @ApplicationScoped
    ValueCodec codec() {
        return new JavaSerializationCodec(ObjectInputFilter.Config.createFilter(ALLOWED));
    }
}
