package org.dogpile.cdi;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.dogpile.testing.Deployments;
import org.dogpile.cdi.app.ConfiguredService;
import org.dogpile.cdi.misuse.CachesAndInvalidates;
import org.dogpile.cdi.misuse.ClassLevelUnsupportedKey;
import org.dogpile.cdi.misuse.EmptyInvalidateCache;
import org.dogpile.cdi.misuse.FinalClass;
import org.dogpile.cdi.misuse.FinalMethod;
import org.dogpile.cdi.misuse.GeneratorWithoutConstructor;
import org.dogpile.cdi.misuse.InvalidateOnClass;
import org.dogpile.cdi.misuse.InvalidateUnsupportedKey;
import org.dogpile.cdi.misuse.BadEarlyRefresh;
import org.dogpile.cdi.misuse.HugeExpiry;
import org.dogpile.cdi.misuse.HugeLease;
import org.dogpile.cdi.misuse.NegativeLease;
import org.dogpile.cdi.misuse.NegativeMaxStale;
import org.dogpile.cdi.misuse.NegativeStaleIfError;
import org.dogpile.cdi.misuse.OptionalIntResult;
import org.dogpile.cdi.misuse.PrivateMethod;
import org.dogpile.cdi.misuse.StaticMethod;
import org.dogpile.cdi.misuse.UnsupportedKey;
import org.dogpile.cdi.misuse.VoidMethod;
import org.dogpile.cdi.misuse.ZeroExpiry;
import org.dogpile.cdi.misuse.ZeroLockTimeout;
import org.junit.jupiter.api.Test;

/** Every misuse fails the deployment with a message naming class, method and the wrong value. */
@SuppressWarnings("try") // the resources scope configuration and containers; the bodies need not name them
class MisuseTest {

    private static void assertFailure(Class<?> bean, String... expected) {
        String messages = Deployments.deploymentFailure(bean);
        for (String part : expected) {
            assertTrue(messages.contains(part), () -> "expected '" + part + "' in:\n" + messages);
        }
    }

    @Test
    void voidMethod_deploy_failsNamingMethod() {
        assertFailure(VoidMethod.class, "org.dogpile.cdi.misuse.VoidMethod#refresh(java.lang.String)", "void");
    }

    @Test
    void unsupportedKeyParameter_deploy_failsNamingMethodAndParameter() {
        assertFailure(UnsupportedKey.class, "@Dogpile", "org.dogpile.cdi.misuse.UnsupportedKey#load(",
            "parameter 0 (handle: org.dogpile.cdi.misuse.UnsupportedKey$Handle)");
    }

    @Test
    void classLevelUnsupportedKey_deploy_failsNamingTheOneMethod() {
        assertFailure(ClassLevelUnsupportedKey.class, "@Dogpile",
            "org.dogpile.cdi.misuse.ClassLevelUnsupportedKey#broken(java.lang.StringBuilder)",
            "parameter 0 (mutable: java.lang.StringBuilder)");
    }

    @Test
    void keyGeneratorWithoutNoArgConstructor_deploy_failsNamingGenerator() {
        assertFailure(GeneratorWithoutConstructor.class, "GeneratorWithoutConstructor#load(java.lang.String)",
            "org.dogpile.cdi.misuse.GeneratorWithoutConstructor$NeedsPrefix", "public no-argument constructor");
    }

    @Test
    void zeroExpireAfter_deploy_failsNamingValue() {
        assertFailure(ZeroExpiry.class, "ZeroExpiry#load(java.lang.String)", "expireAfter must be positive: 0 SECONDS");
    }

    @Test
    void hugeLease_deploy_failsNamingMethodMemberAndValueInsteadOfOverflowing() {
        assertFailure(HugeLease.class, "HugeLease#load(java.lang.String)", "lease cannot be longer than PT8760H");
    }

    @Test
    void hugeExpireAfter_deploy_failsNamingMethodMemberAndValue() {
        assertFailure(HugeExpiry.class, "HugeExpiry#load(java.lang.String)", "expireAfter cannot be longer than PT8760H: PT9600H");
    }

    @Test
    void earlyRefreshOutOfRange_deploy_failsNamingValue() {
        assertFailure(BadEarlyRefresh.class, "BadEarlyRefresh#load(java.lang.String)",
            "earlyRefresh must be between 0 and 100: -1.0");
    }

    @Test
    void negativeLease_deploy_failsNamingValue() {
        assertFailure(NegativeLease.class, "NegativeLease#load(java.lang.String)", "leaseMillis must be positive: -5");
    }

    @Test
    void zeroLockTimeout_deploy_failsNamingValue() {
        assertFailure(ZeroLockTimeout.class, "ZeroLockTimeout#load(java.lang.String)",
            "lockTimeoutMillis must be positive: 0");
    }

    @Test
    void negativeStaleIfError_deploy_failsNamingValue() {
        assertFailure(NegativeStaleIfError.class, "NegativeStaleIfError#load(java.lang.String)",
            "staleIfError cannot be negative: -1 SECONDS");
    }

    @Test
    void maxStaleBelowMinusOne_deploy_failsNamingValue() {
        assertFailure(NegativeMaxStale.class, "NegativeMaxStale#load(java.lang.String)", "maxStale", "-2 SECONDS");
    }

    @Test
    void privateMethod_deploy_failsNamingModifier() {
        assertFailure(PrivateMethod.class, "PrivateMethod#load(java.lang.String)", "cannot be intercepted: private");
    }

    @Test
    void finalMethod_deploy_failsNamingModifier() {
        assertFailure(FinalMethod.class, "FinalMethod#load(java.lang.String)", "cannot be intercepted: final");
    }

    @Test
    void staticMethod_deploy_failsNamingModifier() {
        assertFailure(StaticMethod.class, "StaticMethod#load(java.lang.String)", "cannot be intercepted: static");
    }

    @Test
    void finalClass_deploy_failsNamingClass() {
        assertFailure(FinalClass.class, "org.dogpile.cdi.misuse.FinalClass", "final class cannot be intercepted");
    }

    @Test
    void optionalIntResult_deploy_failsNamingType() {
        assertFailure(OptionalIntResult.class, "OptionalIntResult#load(java.lang.String)", "java.util.OptionalInt");
    }

    @Test
    void cachingAndInvalidatingMethod_deploy_fails() {
        assertFailure(CachesAndInvalidates.class, "CachesAndInvalidates#load(java.lang.String)",
            "cannot both cache and invalidate");
    }

    @Test
    void emptyInvalidationCacheName_deploy_failsNamingValue() {
        assertFailure(EmptyInvalidateCache.class, "EmptyInvalidateCache#reload()", "cache names cannot be empty: []");
    }

    @Test
    void invalidateOnClass_deploy_failsNamingClass() {
        assertFailure(InvalidateOnClass.class, "@DogpileInvalidate on org.dogpile.cdi.misuse.InvalidateOnClass",
            "only methods");
    }

    @Test
    void invalidateWithUnsupportedKey_deploy_failsNamingParameter() {
        assertFailure(InvalidateUnsupportedKey.class, "@DogpileInvalidate",
            "org.dogpile.cdi.misuse.InvalidateUnsupportedKey#update(java.lang.Thread)",
            "parameter 0 (owner: java.lang.Thread)");
    }

    @Test
    void unknownConfigProperty_deploy_failsNamingProperty() throws Exception {
        try (AutoCloseable config = Deployments.config(Map.of("dogpile.configured.expire-aftr", "5"))) {
            assertFailure(ConfiguredService.class, "unknown property dogpile.configured.expire-aftr",
                "ConfiguredService#value(java.lang.String)", "expire-after");
        }
    }

    @Test
    void invalidConfigValue_deploy_failsNamingPropertyAndValue() throws Exception {
        try (AutoCloseable config = Deployments.config(Map.of("dogpile.configured.expire-after", "soon"))) {
            assertFailure(ConfiguredService.class, "invalid value 'soon' of dogpile.configured.expire-after",
                "ConfiguredService#value(java.lang.String)", "a whole number");
        }
    }

    @Test
    void nonPositiveConfigValue_deploy_failsNamingValue() throws Exception {
        try (AutoCloseable config = Deployments.config(Map.of("dogpile.configured.expire-after", "-3"))) {
            assertFailure(ConfiguredService.class, "ConfiguredService#value(java.lang.String)",
                "expireAfter must be positive: -3 SECONDS");
        }
    }

    @Test
    void invalidStoreProperty_deploy_failsNamingValue() throws Exception {
        try (AutoCloseable config = Deployments.config(Map.of("dogpile.store", "redis"))) {
            assertFailure(ConfiguredService.class, "invalid value 'redis' of dogpile.store");
        }
    }
}
