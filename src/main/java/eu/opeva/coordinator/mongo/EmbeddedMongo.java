package eu.opeva.coordinator.mongo;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;

/**
 * An in-process MongoDB-wire-compatible server (mongo-java-server, memory backend) on a free port
 * of 127.0.0.1. Its data lives in this JVM's heap and is lost when it stops. Blocking: start and
 * stop it on a worker thread.
 */
public final class EmbeddedMongo implements AutoCloseable {
  private final MongoServer server;
  private final InetSocketAddress address;

  private EmbeddedMongo(MongoServer server, InetSocketAddress address) {
    this.server = server;
    this.address = address;
  }

  public static EmbeddedMongo start() {
    MongoServer server = new MongoServer(new MemoryBackend());
    server.bind("127.0.0.1", 0);
    return new EmbeddedMongo(server, server.getLocalAddress());
  }

  public String connectionString() {
    return "mongodb://127.0.0.1:" + address.getPort();
  }

  public int port() {
    return address.getPort();
  }

  @Override
  public void close() {
    server.shutdownNow();
  }
}
