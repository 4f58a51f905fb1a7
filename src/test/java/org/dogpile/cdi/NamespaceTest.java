package org.dogpile.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The namespace of an application's maps: configured, none, or (in a container) the application's
 * name; outside a container, none. Two applications on one Payara are exercised in {@code it/}.
 */
class NamespaceTest {

    @Test
    void resolve_configuredName_isTheNamespace() {
        Optional<String> namespace = Namespace.resolve(config(Map.of(Namespace.PROPERTY, " shop ")));

        assertEquals(Optional.of("shop"), namespace);
        assertEquals("dogpile.shop.cache.", Namespace.cacheMapPrefix(namespace));
        assertEquals("dogpile.shop.locks", Namespace.lockMapName(namespace));
    }

    @Test
    void resolve_none_plainMapNames() {
        Optional<String> namespace = Namespace.resolve(config(Map.of(Namespace.PROPERTY, "none")));

        assertEquals(Optional.empty(), namespace);
        assertEquals("dogpile.cache.", Namespace.cacheMapPrefix(namespace));
        assertEquals("dogpile.locks", Namespace.lockMapName(namespace));
    }

    @Test
    void resolve_unsetOutsideAContainer_noNamespace() {
        assertEquals(Optional.empty(), Namespace.resolve(config(Map.of())));
    }

    @Test
    void fromAppName_charactersOutsideTheSafeSetAreReplaced() {
        assertEquals("dogpile-example", Namespace.fromAppName("dogpile-example"));
        assertEquals("my_shop_1.2", Namespace.fromAppName("my shop#1.2"));
        assertEquals("app_x", Namespace.fromAppName("/x"));
    }

    @Test
    void check_invalidValue_namesPropertyAndValue() {
        assertNull(Namespace.check(config(Map.of(Namespace.PROPERTY, "shop-2.eu_west"))));
        assertNull(Namespace.check(config(Map.of())));
        assertEquals("invalid value 'my shop' of dogpile.namespace: expected a name of letters, digits, '.', '_' and "
            + "'-', or none", Namespace.check(config(Map.of(Namespace.PROPERTY, "my shop"))));
    }

    private static ConfigLookup config(Map<String, String> values) {
        return new ConfigLookup() {
            @Override
            public Optional<String> value(String name) {
                return Optional.ofNullable(values.get(name));
            }

            @Override
            public Iterable<String> propertyNames() {
                return values.keySet();
            }
        };
    }
}
