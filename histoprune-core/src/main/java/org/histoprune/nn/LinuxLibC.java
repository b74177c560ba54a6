package org.histoprune.nn;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.util.Locale;
import java.util.Optional;

/** The C library calls HistoPrune makes on Linux ({@link NativeLog}, {@link NativeMemory}), bound through JNA. */
interface LinuxLibC extends Library {
    int dup(int fd);

    int dup2(int from, int to);

    int open(String path, int flags);

    int close(int fd);

    int mallopt(int parameter, int value);

    /** The bound library on Linux, empty elsewhere; may throw {@link UnsatisfiedLinkError}. */
    static Optional<LinuxLibC> load() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return Optional.empty();
        }
        return Optional.of(Native.load("c", LinuxLibC.class));
    }
}
