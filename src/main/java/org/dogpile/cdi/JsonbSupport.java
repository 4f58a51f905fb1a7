package org.dogpile.cdi;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.lang.reflect.Type;
import org.dogpile.codec.JavaSerializationCodec;
import org.dogpile.codec.JsonbCodec;
import org.dogpile.codec.ValueCodec;

/**
 * The only class of the CDI layer that touches JSON-B; loaded only when a cache uses the JSON-B
 * codec. One {@code Jsonb} instance (thread-safe) serves every such cache of the class loader.
 */
final class JsonbSupport {

    private JsonbSupport() {
    }

    /** Created on first use: building a {@code Jsonb} costs milliseconds. */
    private static final class Shared {
        static final Jsonb JSONB = JsonbBuilder.create();
    }

    /**
     * @param stored the type of the values
     * @return a JSON-B codec bound to it
     */
    static ValueCodec codec(Type stored) {
        return new JsonbCodec(Shared.JSONB, stored, JavaSerializationCodec.Limits.DEFAULT.maxBytes());
    }
}
