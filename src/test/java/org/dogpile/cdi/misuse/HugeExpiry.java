package org.dogpile.cdi.misuse;

import java.util.concurrent.TimeUnit;
import org.dogpile.Dogpile;

public class HugeExpiry {
    @Dogpile(expireAfter = 400, unit = TimeUnit.DAYS)
    public String load(String id) {
        return id;
    }
}
