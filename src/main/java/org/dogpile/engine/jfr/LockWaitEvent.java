package org.dogpile.engine.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/** A caller without a value waited for another caller's regeneration and got its value. */
@Name(LockWaitEvent.NAME)
@Label("Dogpile Lock Wait")
@Category("Dogpile")
@Description("A caller without a value waited for another caller's regeneration")
@StackTrace(false)
final class LockWaitEvent extends jdk.jfr.Event {

    static final String NAME = "org.dogpile.LockWait";

    @Label("Cache")
    String cache;

    @Label("Wait Time")
    @Timespan(Timespan.NANOSECONDS)
    long waitTime;
}
