package org.histoprune.spark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.apache.spark.network.TransportContext;
import org.apache.spark.network.client.TransportClient;
import org.apache.spark.network.client.TransportClientFactory;
import org.apache.spark.network.crypto.AuthClientBootstrap;
import org.apache.spark.network.sasl.SecretKeyHolder;
import org.apache.spark.network.server.NoOpRpcHandler;
import org.apache.spark.network.util.MapConfigProvider;
import org.apache.spark.network.util.TransportConf;
import org.histoprune.io.InvalidInputException;
import org.slf4j.LoggerFactory;

/**
 * Authenticates to a standalone master before a job starts. Spark's own client retries a refused registration for
 * a minute and then only logs it; this handshake (the one Spark's RPC runs) says at once that the secret is wrong.
 */
final class MasterProbe {
    private static final int CONNECT_MILLIS = 10_000;

    private MasterProbe() {
    }

    static void check(String host, int port, String secret) {
        String where = "spark://" + host + ":" + port;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), CONNECT_MILLIS);
        } catch (IOException e) {
            throw new InvalidInputException("cannot reach the master at " + where + ": " + e.getMessage());
        }
        TransportConf conf = new TransportConf("rpc", new MapConfigProvider(Map.of(
                "spark.network.crypto.enabled", "true",
                "spark.shuffle.io.connectionTimeout", CONNECT_MILLIS / 1000 + "s")));
        SecretKeyHolder key = new SecretKeyHolder() {
            @Override
            public String getSaslUser(String appId) {
                return "sparkSaslUser";
            }

            @Override
            public String getSecretKey(String appId) {
                return secret;
            }
        };
        // a refused handshake is expected here; Spark's client would log it with a stack trace
        Logger network = (Logger) LoggerFactory.getLogger("org.apache.spark.network");
        Level level = network.getLevel();
        network.setLevel(Level.OFF);
        try (TransportContext context = new TransportContext(conf, new NoOpRpcHandler());
                TransportClientFactory factory = context.createClientFactory(
                        List.of(new AuthClientBootstrap(conf, "sparkSaslUser", key)))) {
            TransportClient client = factory.createClient(host, port);
            client.close();
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException("the master at " + where + " refused this client: wrong shared secret "
                    + "(or authentication is off on the master)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InvalidInputException("interrupted while connecting to " + where);
        } finally {
            network.setLevel(level);
        }
    }
}
