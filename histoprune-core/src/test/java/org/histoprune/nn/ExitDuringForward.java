package org.histoprune.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;

/**
 * The child JVM of {@link NativeStepsTest}: while the main thread runs U-Net forward passes, another thread exits
 * the JVM, as Ctrl-C or SIGTERM does. Prints "exiting" once the exit has begun inside a forward pass.
 */
public final class ExitDuringForward {
    private ExitDuringForward() {
    }

    public static void main(String[] args) throws InterruptedException {
        NucleiModel model = NucleiModel.create(new UNetConfig(16, 2), 1);
        NDManager manager = NDManager.newBaseManager();
        NDArray x = manager.randomUniform(0, 1, new Shape(2, 3, 256, 256));
        ParameterStore store = new ParameterStore(manager, false);
        model.block(Branch.SEGMENTATION).forward(store, new NDList(x), false).close(); // oneDNN builds its kernels
        CountDownLatch forwarding = new CountDownLatch(1);
        Thread exit = new Thread(() -> {
            try {
                forwarding.await();
            } catch (InterruptedException e) {
                return;
            }
            System.out.println("exiting");
            System.exit(0);
        }, "exit");
        exit.start();
        try {
            while (true) {
                forwarding.countDown();
                model.block(Branch.SEGMENTATION).forward(store, new NDList(x), false).close();
            }
        } catch (CancellationException exiting) {
            exit.join(); // the JVM ends on the exit thread's System.exit
        }
    }
}
