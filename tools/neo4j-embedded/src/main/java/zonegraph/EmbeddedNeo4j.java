package zonegraph;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;

/**
 * Starts a Neo4j 5.26 Community database in this JVM with only the Bolt connector open on
 * the loopback interface, so that a developer machine without Docker still gets the real
 * database engine. The launcher prints exactly one line starting with READY once Bolt
 * accepts connections, and shuts the database down cleanly when the JVM receives SIGTERM.
 *
 * <p>Configuration comes from system properties so that the Node wrapper owns every choice:
 * zonegraph.home (database home folder), zonegraph.port (Bolt port), zonegraph.pagecache
 * (page cache size such as 256m), zonegraph.txLogRetention (for example "2 files") and
 * zonegraph.parentPid (stop when that process is gone; set by the wrapper's `run`).
 */
public final class EmbeddedNeo4j {
  private EmbeddedNeo4j() {}

  /**
   * When started by the `run` wrapper, stops the database once that process is gone: a wrapper
   * killed with SIGKILL (or by a crash) must not leave a database running that nobody will
   * stop. The normal shutdown hook runs, so the database closes cleanly.
   */
  private static void watchParent(String parentPid) {
    if (parentPid == null || parentPid.isEmpty()) return;
    long pid = Long.parseLong(parentPid);
    Thread watcher =
        new Thread(
            () -> {
              while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                try {
                  Thread.sleep(1000);
                } catch (InterruptedException e) {
                  return;
                }
              }
              System.out.println("PARENT GONE " + pid);
              System.out.flush();
              System.exit(0);
            },
            "parent-watch");
    watcher.setDaemon(true);
    watcher.start();
  }

  public static void main(String[] args) throws Exception {
    Path home = Path.of(System.getProperty("zonegraph.home", ".neo4j")).toAbsolutePath();
    int port = Integer.parseInt(System.getProperty("zonegraph.port", "7687"));
    String pageCache = System.getProperty("zonegraph.pagecache", "256m");
    String retention = System.getProperty("zonegraph.txLogRetention", "2 files");
    Files.createDirectories(home);

    Map<String, String> config = new HashMap<>();
    config.put("server.bolt.enabled", "true");
    config.put("server.bolt.listen_address", "127.0.0.1:" + port);
    config.put("server.bolt.advertised_address", "127.0.0.1:" + port);
    config.put("server.bolt.tls_level", "DISABLED");
    // Auth is off because the connector only listens on 127.0.0.1 and the database holds
    // nothing but data the project can regenerate from its own files.
    config.put("dbms.security.auth_enabled", "false");
    config.put("server.memory.pagecache.size", pageCache);
    config.put("db.tx_log.rotation.retention_policy", retention);
    config.put("dbms.usage_report.enabled", "false");
    config.put("server.directories.logs", home.resolve("logs").toString());
    // On shutdown the databases close first (transactions end, checkpoint), then Bolt waits this
    // long per connector for its idle worker threads: 5 s each by default, 10 s of every stop.
    config.put("internal.server.bolt.thread_pool_shutdown_wait_time", "1s");

    // Settings go through a generated neo4j.conf so that they are named exactly as in the
    // operations manual and validated by Neo4j's own strict config parser.
    StringBuilder conf = new StringBuilder();
    config.forEach((key, value) -> conf.append(key).append('=').append(value).append('\n'));
    Path confFile = home.resolve("neo4j.conf");
    Files.writeString(confFile, conf.toString());

    DatabaseManagementService service =
        new DatabaseManagementServiceBuilder(home).loadPropertiesFromFile(confFile).build();

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("STOPPING");
                  System.out.flush();
                  service.shutdown();
                  stopped.countDown();
                },
                "neo4j-shutdown"));

    // Touch the default database so that READY means queries can be served, not only that
    // the socket is bound.
    service.database("neo4j").executeTransactionally("RETURN 1");
    System.out.println("READY bolt://127.0.0.1:" + port + " home=" + home);
    System.out.flush();
    watchParent(System.getProperty("zonegraph.parentPid"));
    stopped.await();
  }
}
