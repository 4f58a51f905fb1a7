package org.dogpile.examples.quotes;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.List;
import org.dogpile.codec.AllowList;
import org.dogpile.codec.JavaSerializationCodec;
import org.dogpile.codec.ValueCodec;

/**
 * How cached values are encoded in the cluster: Java serialization, read back under an allow-list
 * of the JDK's value types and this application's {@link Quote}, and nothing else. Members of a
 * cluster read each other's values, so the library reads only the types you allow.
 */
@ApplicationScoped
public class QuoteCodec {

    /** @return the codec the library uses for every cache of this application */
    @Produces
    @ApplicationScoped
    ValueCodec codec() {
        // the JDK's value types and Quote's package (the types Quote is made of), and nothing else
        return new JavaSerializationCodec(AllowList.forTypes(List.of(Quote.class)));
    }
}
