package org.dogpile.cdi;

import java.util.Optional;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/** Looks up container resources by JNDI name; empty outside a container or when absent. */
final class Jndi {
    private Jndi() {
    }

    /**
     * @param name the JNDI name
     * @param type the expected type
     * @param <T> the type
     * @return the resource, if bound and of that type
     */
    static <T> Optional<T> lookup(String name, Class<T> type) {
        try {
            InitialContext context = new InitialContext();
            try {
                Object found = context.lookup(name);
                return type.isInstance(found) ? Optional.of(type.cast(found)) : Optional.empty();
            } finally {
                context.close();
            }
        } catch (NamingException | RuntimeException | LinkageError absent) {
            return Optional.empty();
        }
    }
}
