package org.histoprune.nn;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.nn.Block;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.histoprune.io.AtomicFiles;
import org.histoprune.io.InvalidInputException;

/**
 * The model file: a ZIP with {@code model.json} (format, architecture, provenance) and one DJL parameter
 * entry per branch ({@code segmentation.params}, {@code regression.params}). Pruning masks go in further
 * entries under {@code masks/}; readers ignore entries they do not know.
 */
final class ModelFile {
    static final int FORMAT = 1;
    private static final String HEADER = "model.json";
    private static final String MASKS = "masks/";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The JSON header. */
    record Header(int format, String architecture, UNetConfig unet, Provenance provenance) {
    }

    private ModelFile() {
    }

    static void write(Path file, UNetConfig config, Provenance provenance, Map<Branch, Block> blocks,
            Map<String, MaskSet.Mask> masks) throws IOException {
        AtomicFiles.write(file, out -> {
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                zip.putNextEntry(new ZipEntry(HEADER));
                zip.write(JSON.writeValueAsBytes(new Header(FORMAT, "unet", config, provenance)));
                zip.closeEntry();
                for (Map.Entry<Branch, Block> entry : blocks.entrySet()) {
                    zip.putNextEntry(new ZipEntry(entry.getKey().key() + ".params"));
                    DataOutputStream data = new DataOutputStream(zip);
                    entry.getValue().saveParameters(data);
                    data.flush();
                    zip.closeEntry();
                }
                for (Map.Entry<String, MaskSet.Mask> mask : masks.entrySet()) {
                    zip.putNextEntry(new ZipEntry(MASKS + mask.getKey()));
                    DataOutputStream data = new DataOutputStream(zip);
                    mask.getValue().write(data);
                    data.flush();
                    zip.closeEntry();
                }
            }
        });
    }

    /** Reads the header only (cheap: no weights). */
    static Header readHeader(Path file) {
        try (ZipInputStream zip = open(file)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entry.getName().equals(HEADER)) {
                    return parseHeader(file, zip);
                }
            }
        } catch (IOException e) {
            throw new InvalidInputException(file, "cannot read model file (" + e.getMessage() + ")", e);
        }
        throw new InvalidInputException(file, "not a HistoPrune model: no " + HEADER);
    }

    /** Reads weights into blocks built from the header, which must have been read first. */
    static void readWeights(Path file, Map<Branch, Model> models) {
        Map<Branch, Boolean> seen = new EnumMap<>(Branch.class);
        try (ZipInputStream zip = open(file)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                for (Map.Entry<Branch, Model> branch : models.entrySet()) {
                    if (entry.getName().equals(branch.getKey().key() + ".params")) {
                        Model model = branch.getValue();
                        model.getBlock().loadParameters(model.getNDManager(), new DataInputStream(zip));
                        seen.put(branch.getKey(), true);
                    }
                }
            }
        } catch (IOException | MalformedModelException | RuntimeException e) {
            throw new InvalidInputException(file, "cannot read model weights (" + e.getMessage() + ")", e);
        }
        for (Branch branch : models.keySet()) {
            if (!seen.containsKey(branch)) {
                throw new InvalidInputException(file, "model file has no " + branch.key() + " weights");
            }
        }
    }

    /** The pruning masks, keyed by tensor ({@code <branch>/<layer>}); empty for a dense model. */
    static Map<String, MaskSet.Mask> readMasks(Path file) {
        Map<String, MaskSet.Mask> masks = new java.util.LinkedHashMap<>();
        try (ZipInputStream zip = open(file)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entry.getName().startsWith(MASKS)) {
                    masks.put(entry.getName().substring(MASKS.length()), MaskSet.Mask.read(new DataInputStream(zip)));
                }
            }
        } catch (IOException e) {
            throw new InvalidInputException(file, "cannot read pruning masks (" + e.getMessage() + ")", e);
        }
        return masks;
    }

    private static Header parseHeader(Path file, InputStream in) throws IOException {
        Header header;
        try {
            header = JSON.readValue(in.readAllBytes(), Header.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidInputException(file, "malformed " + HEADER + " (" + e.getMessage() + ")", e);
        }
        if (header.format() != FORMAT || !"unet".equals(header.architecture()) || header.unet() == null) {
            throw new InvalidInputException(file, "unsupported model: format " + header.format() + ", architecture "
                    + header.architecture());
        }
        return header;
    }

    private static ZipInputStream open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file, Files.exists(file) ? "not a regular file" : "model file not found");
        }
        return new ZipInputStream(new BufferedInputStream(Files.newInputStream(file)));
    }
}
