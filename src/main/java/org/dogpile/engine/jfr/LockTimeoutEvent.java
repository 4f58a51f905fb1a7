package org.dogpile.engine.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A caller without a value did not get the key's lock within its lock timeout. */
@Name(LockTimeoutEvent.NAME)
@Label("Dogpile Lock Timeout")
@Category("Dogpile")
@Description("A caller without a value did not get the key's lock within its lock timeout")
@StackTrace(false)
final class LockTimeoutEvent extends jdk.jfr.Event {

    static final String NAME = "org.dogpile.LockTimeout";

    @Label("Cache")
    String cache;

    @Label("Fallback Call")
    @Description("Whether the method was then called without caching (else LockTimeoutException)")
    boolean fallbackCall;
}
