package io.switchboard.testkit;

import io.livekit.server.AccessToken;
import io.livekit.server.CanPublish;
import io.livekit.server.CanPublishData;
import io.livekit.server.CanSubscribe;
import io.livekit.server.Hidden;
import io.livekit.server.RoomJoin;
import io.livekit.server.RoomName;
import io.livekit.server.RoomServiceClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import livekit.LivekitModels;

/**
 * A real LiveKit server (the pinned release built by {@code scripts/livekit}) on loopback with
 * random ports, for tests: its own RoomService client is the server's view of rooms and
 * participants (what the tests assert against), and it mints participant tokens.
 */
public final class RealLiveKit implements AutoCloseable {
  public static final String KEY = "devkey";
  public static final String SECRET = "switchboard-test-secret-0123456789abcdef";
  private static final int UDP_PORTS = 40;

  private final long pid;
  private final int port;
  private final Path dir;
  private final RoomServiceClient rooms;

  private RealLiveKit(long pid, int port, Path dir) {
    this.pid = pid;
    this.port = port;
    this.dir = dir;
    this.rooms = RoomServiceClient.createClient(httpUrl(), KEY, SECRET);
  }

  /** The repository root (tests run in a module directory). */
  public static Path repoRoot() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isExecutable(p.resolve("scripts/livekit"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("scripts/livekit not found above " + Path.of("").toAbsolutePath());
    }
    return p;
  }

  /** A loopback port whose successor is free too (LiveKit takes port+1 for ICE/TCP). */
  public static int freePortPair() {
    for (int i = 0; i < 50; i++) {
      int p = ThreadLocalRandom.current().nextInt(20_000, 39_000);
      if (tcpFree(p) && tcpFree(p + 1)) {
        return p;
      }
    }
    throw new IllegalStateException("no free port pair");
  }

  /**
   * Starts a server. {@code webhooks} may be empty (no webhook: what a misconfigured deployment
   * looks like to Switchboard); room timeouts in seconds.
   */
  public static RealLiveKit start(int port, List<String> webhooks, int emptyTimeout, int departureTimeout, Path dir) {
    try {
      Files.createDirectories(dir);
      int udp = udpBase();
      List<String> cmd = new ArrayList<>(List.of(repoRoot().resolve("scripts/livekit").toString(), "start",
          "--port", String.valueOf(port), "--udp-range", udp + "-" + (udp + UDP_PORTS - 1),
          "--empty-timeout", String.valueOf(emptyTimeout), "--departure-timeout", String.valueOf(departureTimeout),
          "--dir", dir.toString()));
      for (String w : webhooks) {
        cmd.add("--webhook");
        cmd.add(w);
      }
      Process p = new ProcessBuilder(cmd).redirectError(dir.resolve("start.err").toFile()).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("scripts/livekit start failed: " + out + " " + Files.readString(dir.resolve("start.err")));
      }
      String pidField = out.replaceAll("(?s).*pid=(\\d+).*", "$1");
      return new RealLiveKit(Long.parseLong(pidField), port, dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public String wsUrl() {
    return "ws://127.0.0.1:" + port;
  }

  public String httpUrl() {
    return "http://127.0.0.1:" + port;
  }

  public Path log() {
    return dir.resolve("livekit.log");
  }

  /**
   * When the server logged a line containing both {@code identity} and {@code what} (epoch ms of
   * the first such line): the server's own clock of an event, e.g. "participant closing".
   */
  public long logTime(String identity, String what) {
    try {
      for (String line : Files.readAllLines(log())) {
        if (line.contains(what) && line.contains("\"" + identity + "\"")) {
          return java.time.Instant.parse(line.substring(0, line.indexOf('\t'))).toEpochMilli();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new AssertionError("no '" + what + "' line for " + identity + " in " + log());
  }

  /**
   * What the server says about the webhooks it sent, from its log: "200 OK" per delivered
   * webhook, "failed" per webhook it gave up on after its retries, and any other status as sent.
   */
  public java.util.Map<String, Integer> webhookOutcomes() {
    java.util.Map<String, Integer> out = new java.util.TreeMap<>();
    try {
      for (String line : Files.readAllLines(log())) {
        if (line.contains("failed to send webhook")) {
          out.merge("failed", 1, Integer::sum);
        } else if (line.contains("sent webhook")) {
          out.merge(line.replaceAll(".*\"status\": \"([^\"]*)\".*", "$1"), 1, Integer::sum);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** The server's own view: its rooms now. */
  public List<LivekitModels.Room> listRooms() {
    return call(() -> rooms.listRooms().execute());
  }

  public boolean hasRoom(String name) {
    return listRooms().stream().anyMatch(r -> r.getName().equals(name));
  }

  /** The server's own view of a room's participants (hidden ones included). */
  public List<LivekitModels.ParticipantInfo> participants(String room) {
    return call(() -> rooms.listParticipants(room).execute());
  }

  public LivekitModels.ParticipantInfo participant(String room, String identity) {
    return participants(room).stream().filter(p -> p.getIdentity().equals(identity)).findFirst()
        .orElseThrow(() -> new AssertionError(identity + " not in room " + room + " on the server"));
  }

  /** A participant token signed with this server's secret (what an agent or customer app gets). */
  public static String token(String room, String identity, boolean publish, boolean hidden) {
    AccessToken t = new AccessToken(KEY, SECRET);
    t.setIdentity(identity);
    t.setTtl(TimeUnit.HOURS.toMillis(1));
    t.addGrants(new RoomJoin(true), new RoomName(room), new CanSubscribe(true), new CanPublish(publish), new CanPublishData(true), new Hidden(hidden));
    return t.toJwt();
  }

  private interface Blocking<T> {
    retrofit2.Response<T> run() throws IOException;
  }

  private static <T> T call(Blocking<T> b) {
    try {
      retrofit2.Response<T> r = b.run();
      if (!r.isSuccessful()) {
        try (var body = r.errorBody()) {
          throw new IllegalStateException("LiveKit answered " + r.code() + ": " + (body == null ? "" : body.string()));
        }
      }
      return r.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean tcpFree(int p) {
    try (ServerSocket s = new ServerSocket(p, 1, java.net.InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** A UDP range nobody on this machine uses now (helpers run servers side by side). */
  private static int udpBase() {
    for (int i = 0; i < 50; i++) {
      int base = ThreadLocalRandom.current().nextInt(40_000, 60_000 - UDP_PORTS);
      boolean free = true;
      for (int p = base; p < base + UDP_PORTS && free; p += 7) {
        try (DatagramSocket s = new DatagramSocket(p, java.net.InetAddress.getLoopbackAddress())) {
          free = true;
        } catch (IOException e) {
          free = false;
        }
      }
      if (free) {
        return base;
      }
    }
    throw new IllegalStateException("no free UDP range");
  }

  /** Stops the server (scripts/livekit stop: SIGTERM, then SIGKILL after 5 s). */
  @Override
  public void close() {
    try {
      new ProcessBuilder(repoRoot().resolve("scripts/livekit").toString(), "stop", String.valueOf(pid)).inheritIO().start().waitFor(15, TimeUnit.SECONDS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
