package org.dogpile.cdi.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import org.dogpile.cdi.DogpileCaches;
import org.dogpile.testing.Deployments;
import org.dogpile.testing.DogpileWeldTest;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;

/** Keys and cache names: the default name, @DogpileKey, a key generator. */
@DogpileWeldTest
class KeysTest {

    @WeldSetup
    WeldInitiator weld = Deployments.synthetic(KeyedService.class);

    @Inject
    KeyedService keyed;
    @Inject
    DogpileCaches caches;

    @Test
    void defaultCacheName_noCacheMember_methodSignature() {
        keyed.defaultNamed("x");
        assertTrue(caches.cacheNames().contains("org.dogpile.cdi.keys.KeyedService#defaultNamed(java.lang.String)"));
        assertEquals("x#1", caches.peek("org.dogpile.cdi.keys.KeyedService#defaultNamed(java.lang.String)", "x")
            .orElseThrow().value());
    }

    @Test
    void dogpileKey_nonKeyParameterDiffers_valueShared() {
        assertEquals("EUR#1/1", keyed.quote("EUR", 1));
        assertEquals("EUR#1/1", keyed.quote("EUR", 2));
        assertEquals("USD#2/3", keyed.quote("USD", 3));
    }

    @Test
    void keyGenerator_equalKeysForDifferentArguments_valueShared() {
        assertEquals("Ada#1", keyed.lookup("Ada", new Object()));
        assertEquals("Ada#1", keyed.lookup("ADA", new Object()));
        assertEquals("ada", caches.keyOf("caseInsensitive", "aDa", null));
    }
}
