package org.pathway.api;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The embedded PostgreSQL server process of a running Pathway, as the operating system sees it:
 * killed with SIGKILL (a crash of the database process), stopped with SIGINT (an operator's fast
 * shutdown), and started again with exactly the command line it ran with (as the embedded library
 * starts it: in a user namespace, because PostgreSQL refuses to run as root).
 */
final class EmbeddedPostgresProcess {
  private final Path dataDir;
  private List<String> commandLine;
  private int port;

  EmbeddedPostgresProcess(Path dataDir) {
    this.dataDir = dataDir;
  }

  long pid() throws IOException {
    return Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
  }

  /** Remembers the server's command line and port, to start it again later. */
  private void remember() throws IOException {
    long pid = pid();
    byte[] raw = Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline"));
    List<String> args = new ArrayList<>();
    for (String a : new String(raw, StandardCharsets.UTF_8).split("\0")) {
      if (!a.isEmpty()) {
        args.add(a);
      }
    }
    commandLine = args;
    port = Integer.parseInt(args.get(args.indexOf("-p") + 1));
  }

  /** SIGKILL to the postmaster and every backend: nothing is flushed, nothing says goodbye. */
  void crash() throws IOException, InterruptedException {
    remember();
    ProcessHandle postmaster = ProcessHandle.of(pid()).orElseThrow();
    List<ProcessHandle> all = new ArrayList<>(postmaster.descendants().toList());
    all.add(0, postmaster);
    all.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle p : all) {
      p.onExit().join();
    }
  }

  /** SIGINT: PostgreSQL's fast shutdown, as {@code pg_ctl stop -m fast} sends. */
  void stop() throws IOException, InterruptedException {
    remember();
    ProcessHandle postmaster = ProcessHandle.of(pid()).orElseThrow();
    new ProcessBuilder("kill", "-INT", String.valueOf(postmaster.pid())).start().waitFor();
    postmaster.onExit().join();
  }

  /** Starts the server again with its own command line and waits until it accepts connections. */
  void start() throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("unshare", "-U"));
    command.addAll(commandLine);
    Path log = Files.createTempFile("pathway-pg-restart-", ".log");
    new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(deadline)) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        if (Files.readString(log).contains("ready to accept connections")) {
          return;
        }
      } catch (IOException notYet) {
        // starting, or recovering from the crash
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("PostgreSQL did not start again: " + Files.readString(log));
  }
}
