package org.dogpile.engine.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A store operation failed or outlasted its bound; the caller failed open or got the failure. */
@Name(StoreFailureEvent.NAME)
@Label("Dogpile Store Failure")
@Category("Dogpile")
@Description("A store operation failed or outlasted its bound")
@StackTrace(false)
final class StoreFailureEvent extends jdk.jfr.Event {

    static final String NAME = "org.dogpile.StoreFailure";

    @Label("Cache")
    String cache;

    @Label("Failure")
    @Description("The class of the store's exception, no message")
    String failure;

    @Label("Failed Open")
    @Description("Whether the caller got the method's own result without caching (else the failure)")
    boolean failedOpen;
}
