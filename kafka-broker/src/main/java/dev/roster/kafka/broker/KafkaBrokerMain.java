package dev.roster.kafka.broker;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;

/**
 * Runs a single-node KRaft broker (broker and controller in one process) bound to 127.0.0.1.
 *
 * <p>
 * Usage: {@code KafkaBrokerMain <data-dir> <broker-port> <controller-port>}. Prints {@value #READY}
 * followed by the bootstrap address once the broker accepts connections, stops cleanly on SIGTERM, and
 * exits with status 1 when it cannot start.
 */
public final class KafkaBrokerMain {

    public static final String READY = "ROSTER-KAFKA-READY ";

    private KafkaBrokerMain() {
    }

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: KafkaBrokerMain <data-dir> <broker-port> <controller-port>");
            System.exit(2);
        }
        try {
            run(Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]));
        } catch (Throwable e) {
            System.err.println("Kafka broker failed to start: " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void run(Path dataDir, int brokerPort, int controllerPort) throws Exception {
        Properties props = brokerProperties(dataDir, brokerPort, controllerPort);
        Path configFile = dataDir.resolve("server.properties");
        if (!Files.exists(dataDir.resolve("logs/meta.properties"))) {
            Files.createDirectories(dataDir.resolve("logs"));
            try (OutputStream out = new FileOutputStream(configFile.toFile())) {
                props.store(out, "Roster single-node KRaft broker");
            }
            format(configFile);
        }

        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, new Properties()), Time.SYSTEM);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown();
            server.awaitShutdown();
            stopped.countDown();
        }, "kafka-shutdown"));
        server.startup();
        exitWhenParentGoes();
        System.out.println(READY + "127.0.0.1:" + brokerPort);
        System.out.flush();
        stopped.await();
    }

    /**
     * The launcher keeps our standard input open; when it ends (the launcher died, even by SIGKILL) the broker
     * stops too, so no orphan keeps the ports and the data directory.
     */
    private static void exitWhenParentGoes() {
        Thread watcher = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // keep reading until the pipe closes
                }
            } catch (IOException e) {
                // the pipe broke: the same as closed
            }
            System.exit(0);
        }, "parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    private static Properties brokerProperties(Path dataDir, int brokerPort, int controllerPort) {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", dataDir.resolve("logs").toString());
        props.put("num.partitions", "4");
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "4");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "4");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", "true");
        props.put("log.flush.interval.messages", "1000000");
        return props;
    }

    private static void format(Path configFile) throws IOException {
        String clusterId = Uuid.randomUuid().toString();
        int status = StorageTool.execute(
                new String[]{"format", "-t", clusterId, "-c", configFile.toString(), "--standalone"}, System.out);
        if (status != 0) {
            throw new IOException("kafka-storage format exited with " + status);
        }
    }

}
