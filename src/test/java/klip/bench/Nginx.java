package klip.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Debian's nginx as the file-server baseline: started on a free port with a private configuration (its own
 * prefix, pid and logs in a temporary directory) serving one directory, one worker like the server's one HTTP
 * event loop, sendfile on, no access log; stopped at the end. Installed by {@code bench/run-playbackbench.sh}.
 */
final class Nginx implements AutoCloseable {

  private final Process process;
  private final int port;
  private final Path prefix;

  private Nginx(Process process, int port, Path prefix) {
    this.process = process;
    this.port = port;
    this.prefix = prefix;
  }

  static Nginx serve(Path root) throws IOException, InterruptedException {
    String binary = Files.isExecutable(Path.of("/usr/sbin/nginx")) ? "/usr/sbin/nginx" : "nginx";
    Path prefix = Files.createTempDirectory("klip-bench-nginx");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String user = "root".equals(System.getProperty("user.name")) ? "user root;\n" : "";
    String conf = user + """
        worker_processes 1;
        pid %1$s/nginx.pid;
        error_log %1$s/error.log warn;
        events { worker_connections 4096; }
        http {
          access_log off;
          sendfile on;
          tcp_nopush on;
          keepalive_requests 1000000;
          keepalive_timeout 120s;
          client_body_temp_path %1$s/client;
          proxy_temp_path %1$s/proxy;
          fastcgi_temp_path %1$s/fastcgi;
          uwsgi_temp_path %1$s/uwsgi;
          scgi_temp_path %1$s/scgi;
          types { audio/wav wav; }
          server {
            listen 127.0.0.1:%2$d;
            root %3$s;
          }
        }
        """.formatted(prefix, port, root.toAbsolutePath());
    Path file = prefix.resolve("nginx.conf");
    Files.writeString(file, conf);
    Process p = new ProcessBuilder(binary, "-p", prefix.toString(), "-c", file.toString(), "-g", "daemon off;")
        .redirectErrorStream(true).redirectOutput(prefix.resolve("stdout.log").toFile()).start();
    Nginx nginx = new Nginx(p, port, prefix);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      try (Socket ignored = new Socket("127.0.0.1", port)) {
        return nginx;
      } catch (IOException notYet) {
        if (!p.isAlive() || System.nanoTime() > deadline) {
          nginx.close();
          throw new IllegalStateException("nginx did not start: " + Files.readString(prefix.resolve("stdout.log")));
        }
        // nginx binds within milliseconds; wait for the process, not a fixed time.
        p.waitFor(20, TimeUnit.MILLISECONDS);
      }
    }
  }

  int port() {
    return port;
  }

  static String version() {
    try {
      Process p = new ProcessBuilder("/usr/sbin/nginx", "-v").redirectErrorStream(true).start();
      String v = new String(p.getInputStream().readAllBytes()).trim();
      p.waitFor(5, TimeUnit.SECONDS);
      return v;
    } catch (IOException | InterruptedException e) {
      return "nginx (version unknown)";
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (var files = Files.walk(prefix)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException ignored) {
      // a temporary directory left behind is harmless
    }
  }
}
