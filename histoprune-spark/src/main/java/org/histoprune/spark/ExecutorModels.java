package org.histoprune.spark;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.SparkFiles;
import org.histoprune.nn.NativeMemory;
import org.histoprune.nn.NucleiModel;

/**
 * The model each executor JVM loads once, from the copy Spark ships to it ({@code SparkContext.addFile}); its
 * tasks share it (inference may run concurrently). It lives as long as the executor.
 */
final class ExecutorModels {
    private static final Map<String, NucleiModel> LOADED = new HashMap<>();

    private ExecutorModels() {
    }

    static synchronized NucleiModel get(String shippedName) {
        NativeMemory.keepFreedMemory(); // an executor JVM runs no main of ours
        return LOADED.computeIfAbsent(shippedName, name -> NucleiModel.load(Path.of(SparkFiles.get(name))));
    }

    /** Frees the models of this JVM: the driver's, after an embedded run, where the executor is the driver. */
    static synchronized void closeAll() {
        LOADED.values().forEach(NucleiModel::close);
        LOADED.clear();
    }
}
