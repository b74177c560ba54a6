package org.histoprune.nn;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * The model file: a ZIP with {@code model.json} (format, architecture, precision, provenance) and one tensor
 * entry per branch ({@code segmentation.tensors}, {@code regression.tensors}): every parameter by name, shape
 * and values, in float32 or float16 (half the size, for shipping). Pruning masks go in further entries under
 * {@code masks/}, a training checkpoint's optimizer state under {@code optimizer/<branch>}; readers ignore
 * entries they do not know. Format 1 files (DJL's own {@code .params}
 * encoding, float32) are still read, and so are headers without {@code unet.headKernel} (a 1x1 head).
 */
final class ModelFile {
    static final int FORMAT = 2;
    private static final int DJL_PARAMS_FORMAT = 1;
    private static final String HEADER = "model.json";
    private static final String MASKS = "masks/";
    private static final String OPTIMIZER = "optimizer/";
    private static final String HEAD_KERNEL = "headKernel";
    /** Real headers are a few KB; a larger one is a zip bomb or not ours. */
    private static final int MAX_HEADER_BYTES = 1 << 20;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The JSON header. */
    record Header(int format, String architecture, UNetConfig unet, String precision, Provenance provenance) {
        boolean half() {
            return Precision.FLOAT16.key().equals(precision);
        }
    }

    private ModelFile() {
    }

    static void write(Path file, UNetConfig config, Provenance provenance, Map<Branch, Model> models,
            Map<String, MaskSet.Mask> masks, Precision precision, Map<Branch, Adam> optimizers) throws IOException {
        AtomicFiles.write(file, out -> {
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                zip.putNextEntry(new ZipEntry(HEADER));
                zip.write(JSON.writeValueAsBytes(new Header(FORMAT, "unet", config, precision.key(), provenance)));
                zip.closeEntry();
                for (Map.Entry<Branch, Model> entry : models.entrySet()) {
                    zip.putNextEntry(new ZipEntry(entry.getKey().key() + ".tensors"));
                    DataOutputStream data = new DataOutputStream(zip);
                    Tensors.writeParameters(entry.getValue().getBlock(), precision == Precision.FLOAT16, data);
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
                for (Map.Entry<Branch, Adam> optimizer : optimizers.entrySet()) {
                    zip.putNextEntry(new ZipEntry(OPTIMIZER + optimizer.getKey().key()));
                    DataOutputStream data = new DataOutputStream(zip);
                    optimizer.getValue().write(data);
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

    /** Reads weights into the models' blocks, built (not initialised) from the header read before. */
    static void readWeights(Path file, Header header, Map<Branch, Model> models) {
        Map<Branch, Boolean> seen = new EnumMap<>(Branch.class);
        try (ZipInputStream zip = open(file)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                for (Map.Entry<Branch, Model> branch : models.entrySet()) {
                    Model model = branch.getValue();
                    if (entry.getName().equals(branch.getKey().key() + ".tensors")) {
                        Tensors.readParameters(model.getBlock(), header.unet(), model.getNDManager(),
                                new DataInputStream(zip));
                        seen.put(branch.getKey(), true);
                    } else if (entry.getName().equals(branch.getKey().key() + ".params")
                            && header.format() == DJL_PARAMS_FORMAT) {
                        model.getBlock().loadParameters(model.getNDManager(), new DataInputStream(zip));
                        seen.put(branch.getKey(), true);
                    }
                }
            }
        } catch (IOException | MalformedModelException | RuntimeException e) {
            if (e instanceof InvalidInputException invalid) {
                throw invalid;
            }
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

    /** Restores a branch's optimizer state from a checkpoint; false when the file has none (a plain model). */
    static boolean readOptimizer(Path file, Branch branch, Adam adam) {
        try (ZipInputStream zip = open(file)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entry.getName().equals(OPTIMIZER + branch.key())) {
                    adam.read(new DataInputStream(zip));
                    return true;
                }
            }
        } catch (IOException e) {
            throw new InvalidInputException(file, "cannot read optimizer state (" + e.getMessage() + ")", e);
        }
        return false;
    }

    private static Header parseHeader(Path file, InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_HEADER_BYTES + 1);
        if (bytes.length > MAX_HEADER_BYTES) {
            throw new InvalidInputException(file, HEADER + " is larger than " + MAX_HEADER_BYTES + " bytes: not a "
                    + "HistoPrune model");
        }
        Header header;
        try {
            JsonNode tree = JSON.readTree(bytes);
            if (tree.get("unet") instanceof ObjectNode unet && !unet.has(HEAD_KERNEL)) {
                unet.put(HEAD_KERNEL, UNetConfig.LEGACY_HEAD_KERNEL); // written before the head kernel was recorded
            }
            header = JSON.treeToValue(tree, Header.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidInputException(file, "malformed " + HEADER + " (" + e.getMessage() + ")", e);
        }
        if ((header.format() != FORMAT && header.format() != DJL_PARAMS_FORMAT) || !"unet".equals(header.architecture())
                || header.unet() == null) {
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
