package org.histoprune.io;

import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/** Valid files with a header rewritten to declare what a hostile file would: for the modules' bad-input tests. */
public final class HostileHeaders {
    private HostileHeaders() {
    }

    /** The PNG with its IHDR height replaced and the chunk's CRC fixed, so that only the size is wrong. */
    public static byte[] withPngHeight(byte[] png, int height) {
        byte[] out = png.clone();
        ByteBuffer.wrap(out).putInt(20, height); // signature 8, chunk length 4, "IHDR" 4, width 4
        CRC32 crc = new CRC32();
        crc.update(out, 12, 17);
        ByteBuffer.wrap(out).putInt(29, (int) crc.getValue());
        return out;
    }
}
