package org.histoprune.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The glibc settings that keep large tensors' memory for reuse are in force on Linux. */
class NativeMemoryTest {
    @Test
    void onLinuxGlibcTakesTheSettings() {
        Assumptions.assumeTrue(System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux"),
                "not Linux: skipped");
        assertTrue(NativeMemory.keepFreedMemory());
        assertTrue(NativeMemory.keepFreedMemory(), "a second call changes nothing and still reports them");
    }
}
