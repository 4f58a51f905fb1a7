package org.dogpile.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.inject.se.SeContainer;
import jakarta.enterprise.inject.se.SeContainerInitializer;
import java.time.Duration;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import org.dogpile.cdi.classlevel.CatalogService;
import org.dogpile.testing.ManualClock;
import org.dogpile.cdi.app.PriceService;
import org.dogpile.store.InMemoryStore;
import org.junit.jupiter.api.Test;

/**
 * Real discovery, as users get it: the extension comes from {@code META-INF/services} (never added
 * by hand), the test classes are the application's bean archive, the library is not a bean archive.
 */
class DiscoveryTest {

    @Test
    void discovery_libraryOnClassPath_extensionLoadedFromServices() {
        try (SeContainer container = SeContainerInitializer.newInstance().initialize()) {
            assertNotNull(container.getBeanManager().getExtension(DogpileExtension.class));
            PriceService prices = container.select(PriceService.class).get();
            assertEquals("EU#1", prices.prices("EU"));
            assertEquals("EU#1", prices.prices("EU"));
            assertEquals(1, prices.gate().runs());
        }
    }

    @Test
    void discovery_applicationStoreBean_winsAndManualClockDrivesExpiry() {
        try (SeContainer container = SeContainerInitializer.newInstance().initialize()) {
            DogpileCaches caches = container.select(DogpileCaches.class).get();
            assertTrue(caches.engine().store() instanceof InMemoryStore);
            CatalogService catalog = container.select(CatalogService.class).get();
            assertEquals("item7#1", catalog.item(7));
            container.select(ManualClock.class).get().advance(Duration.ofSeconds(11));
            assertEquals("item7#2", catalog.item(7));
        }
    }

    @Test
    void discovery_invalidationAndCachesBean_resolvableOnce() {
        try (SeContainer container = SeContainerInitializer.newInstance().initialize()) {
            assertTrue(container.select(DogpileCaches.class).isResolvable());
            PriceService prices = container.select(PriceService.class).get();
            prices.prices("EU");
            prices.updatePrices("EU", "new");
            assertFalse(container.select(DogpileCaches.class).get().peek("prices", "EU").isPresent());
        }
    }

    @Test
    void libraryJar_noBeansXml_notABeanArchive() throws Exception {
        URL library = DogpileExtension.class.getProtectionDomain().getCodeSource().getLocation();
        Path root = Path.of(library.toURI());
        assertTrue(Files.isRegularFile(root.resolve("META-INF/services/jakarta.enterprise.inject.spi.Extension")));
        assertFalse(Files.exists(root.resolve("META-INF/beans.xml")));
        for (URL beansXml : Collections.list(getClass().getClassLoader().getResources("META-INF/beans.xml"))) {
            assertFalse(beansXml.toString().startsWith(library.toString()), beansXml::toString);
        }
    }
}
