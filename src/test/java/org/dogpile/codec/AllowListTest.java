package org.dogpile.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Type;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.dogpile.codec.values.Price;
import org.dogpile.codec.values.sealed.Shape;
import org.junit.jupiter.api.Test;

class AllowListTest {

    @SuppressWarnings("unused")
    private static Optional<Map<String, Price[]>> nestedPrices() {
        return null;
    }

    @SuppressWarnings("unused")
    private static Shape shape() {
        return null;
    }

    @SuppressWarnings("unused")
    private static List<Date> dates() {
        return null;
    }

    @SuppressWarnings("unused")
    private static CompletionStage<? extends Object> anything() {
        return null;
    }

    private static Type returnType(String method) throws NoSuchMethodException {
        return AllowListTest.class.getDeclaredMethod(method).getGenericReturnType();
    }

    @Test
    void forTypes_typeArgumentsArraysAndComponents_admitTheirPackagesOnly() throws Exception {
        AllowList list = AllowList.forTypes(List.of(returnType("nestedPrices")));
        assertEquals("org.dogpile.codec.values.*", list.toString());
        assertTrue(list.admits("org.dogpile.codec.values.Price"));
        assertTrue(list.admits("org.dogpile.codec.values.Price$Kind"));
        assertTrue(list.admits("[[Lorg.dogpile.codec.values.Price;"));
        assertFalse(list.admits("org.dogpile.codec.values.detail.Note"), "sub-packages are not admitted");
        assertFalse(list.admits("org.dogpile.codec.gadget.Gadget"));
        assertFalse(list.admits("org.dogpile.codec.valuesX.Price"));
    }

    @Test
    void forTypes_sealedTypes_walkPermittedSubclassesAndTheirComponents() throws Exception {
        AllowList list = AllowList.forTypes(List.of(returnType("shape")));
        assertTrue(list.admits("org.dogpile.codec.values.sealed.Shape$Circle"));
        assertTrue(list.admits("org.dogpile.codec.values.detail.Note"));
        assertEquals("org.dogpile.codec.values.detail.*,org.dogpile.codec.values.sealed.*", list.toString());
    }

    @Test
    void forTypes_declaredJdkClassBeyondTheDefaults_admittedByExactName() throws Exception {
        AllowList list = AllowList.forTypes(List.of(returnType("dates")));
        assertEquals("java.util.Date", list.toString());
        assertTrue(list.admits("java.util.Date"));
        assertFalse(list.admits("java.util.Hashtable"));
    }

    @Test
    void forTypes_objectOrWildcard_admitsTheJdkTypesOnly() throws Exception {
        assertEquals(AllowList.jdkOnly(), AllowList.forTypes(List.of(returnType("anything"))));
    }

    @Test
    void jdkOnly_admitsValuesAndCollections_refusesGadgetEntryPoints() {
        AllowList jdk = AllowList.jdkOnly();
        for (String admitted : List.of("java.lang.Integer", "java.time.Ser", "java.util.ArrayList", "java.util.CollSer",
            "java.util.HashMap", "[I", "[[J", "[Ljava.lang.Object;", "java.math.BigDecimal")) {
            assertTrue(jdk.admits(admitted), admitted);
        }
        for (String refused : List.of("java.util.PriorityQueue", "java.util.Hashtable", "java.lang.reflect.Proxy",
            "javax.management.BadAttributeValueExpException", "java.net.URL", "[Ljava.util.PriorityQueue;",
            "sun.reflect.annotation.AnnotationInvocationHandler", "org.apache.commons.collections.functors.InvokerTransformer")) {
            assertFalse(jdk.admits(refused), refused);
        }
    }

    @Test
    void parse_entrySyntax() {
        AllowList list = AllowList.parse(" com.acme. , org.example.Type,org.other.*, net.tree.** ,");
        assertTrue(list.admits("com.acme.Price"));
        assertTrue(list.admits("com.acme.sub.Price"));
        assertFalse(list.admits("com.acmex.Price"));
        assertTrue(list.admits("org.example.Type"));
        assertFalse(list.admits("org.example.Type2"));
        assertTrue(list.admits("org.other.A"));
        assertFalse(list.admits("org.other.sub.A"));
        assertTrue(list.admits("net.tree.a.b.C"));
        assertEquals(list, AllowList.parse(list.toString()));
    }

    @Test
    void parse_invalidOrJdkWideEntries_refused() {
        for (String bad : List.of("java.", "java.**", "javax.", "*", "com..acme", ".com", "com.acme;x", "!*")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AllowList.parse(bad), bad);
            assertTrue(e.getMessage().contains("allow-list entry '"), e.getMessage());
        }
    }
}
