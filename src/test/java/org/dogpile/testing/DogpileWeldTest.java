package org.dogpile.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.dogpile.cdi.DogpileExtension;
import org.jboss.weld.junit5.auto.AddBeanClasses;
import org.jboss.weld.junit5.auto.AddExtensions;
import org.jboss.weld.junit5.auto.EnableAutoWeld;

/**
 * A test class that runs in a fresh Weld SE container per test: a synthetic archive (no discovery)
 * with the Dogpile extension, the in-memory store on a {@link ManualClock}, the types of the test's
 * {@code @Inject} fields, and whatever {@code @AddBeanClasses} adds.
 *
 * <pre>{@code
 * @DogpileWeldTest
 * class PricesTest {
 *     @Inject PriceService prices;
 *     @Inject ManualClock clock;
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@EnableAutoWeld
@AddExtensions(DogpileExtension.class)
@AddBeanClasses(ManualClockStore.class)
public @interface DogpileWeldTest {
}
