package org.histoprune.io;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import javax.imageio.stream.ImageInputStreamImpl;

/**
 * A TIFF file seen with its header pointing at another directory, so that a decoder that only walks the main
 * IFD chain (TwelveMonkeys) reads a SubIFD as image 0.
 */
final class PatchedHeaderStream extends ImageInputStreamImpl {
    private final RandomAccessFile file;
    private final byte[] header;

    PatchedHeaderStream(Path path, boolean bigTiff, ByteOrder order, long firstDirectory) throws IOException {
        file = new RandomAccessFile(path.toFile(), "r");
        try {
            header = new byte[bigTiff ? 16 : 8];
            file.readFully(header);
        } catch (IOException e) {
            file.close();
            throw e;
        }
        ByteBuffer patch = ByteBuffer.wrap(header).order(order);
        if (bigTiff) {
            patch.putLong(8, firstDirectory);
        } else {
            patch.putInt(4, (int) firstDirectory);
        }
    }

    @Override
    public int read() throws IOException {
        checkClosed();
        bitOffset = 0;
        if (streamPos < header.length) {
            return header[(int) streamPos++] & 0xFF;
        }
        file.seek(streamPos);
        int value = file.read();
        if (value >= 0) {
            streamPos++;
        }
        return value;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        checkClosed();
        bitOffset = 0;
        if (length == 0) {
            return 0;
        }
        if (streamPos < header.length) {
            int count = (int) Math.min(length, header.length - streamPos);
            System.arraycopy(header, (int) streamPos, bytes, offset, count);
            streamPos += count;
            return count;
        }
        file.seek(streamPos);
        int count = file.read(bytes, offset, length);
        if (count > 0) {
            streamPos += count;
        }
        return count;
    }

    @Override
    public long length() {
        try {
            return file.length();
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public void close() throws IOException {
        super.close();
        file.close();
    }
}
