package org.dogpile.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.jboss.weld.junit5.EnableWeld;
import org.junit.jupiter.api.Tag;

/**
 * A CDI test class: a fresh Weld SE container per test, from the class's {@code @WeldSetup} field,
 * normally a synthetic archive (no discovery) with the Dogpile extension and the in-memory store on
 * a {@link ManualClock}; the test's {@code @Inject} fields are injected from it.
 *
 * <pre>{@code
 * @DogpileWeldTest
 * class PricesTest {
 *     @WeldSetup
 *     WeldInitiator weld = Deployments.synthetic(PriceService.class);
 *     @Inject PriceService prices;
 *     @Inject ManualClock clock;
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@EnableWeld
@Tag("cdi")
public @interface DogpileWeldTest {
}
