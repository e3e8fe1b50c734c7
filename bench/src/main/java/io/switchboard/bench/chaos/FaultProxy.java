package io.switchboard.bench.chaos;

import io.switchboard.testkit.FreePort;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP proxy in front of a server, with a fault switch: {@link Mode#PASS} forwards,
 * {@link Mode#REFUSE} closes the listening socket (connection refused: the server is gone),
 * {@link Mode#BLACKHOLE} accepts and never answers (a hung server). Threads are daemons; closing
 * the proxy closes every socket it holds.
 */
final class FaultProxy implements AutoCloseable {
  enum Mode { PASS, REFUSE, BLACKHOLE }

  private final int port = FreePort.get();
  private final int upstream;
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private volatile Mode mode = Mode.PASS;
  private volatile ServerSocket server;
  private volatile boolean closed;

  FaultProxy(int upstream) throws IOException {
    this.upstream = upstream;
    listen();
  }

  int port() {
    return port;
  }

  synchronized void mode(Mode m) throws IOException {
    mode = m;
    // established connections follow the switch: a refused or hung server serves nobody
    open.forEach(FaultProxy::quietly);
    open.clear();
    if (m == Mode.REFUSE) {
      quietly(server);
      server = null;
    } else if (server == null) {
      listen();
    }
  }

  private void listen() throws IOException {
    ServerSocket s = new ServerSocket();
    s.setReuseAddress(true);
    s.bind(new InetSocketAddress("127.0.0.1", port));
    server = s;
    Thread t = new Thread(() -> accept(s), "fault-proxy-" + port);
    t.setDaemon(true);
    t.start();
  }

  private void accept(ServerSocket s) {
    while (!closed && !s.isClosed()) {
      try {
        Socket client = s.accept();
        open.add(client);
        if (mode == Mode.BLACKHOLE) {
          pump(client.getInputStream(), OutputStream.nullOutputStream(), client, null);
          continue;
        }
        Socket up = new Socket();
        up.connect(new InetSocketAddress("127.0.0.1", upstream), 2000);
        open.add(up);
        pump(client.getInputStream(), up.getOutputStream(), client, up);
        pump(up.getInputStream(), client.getOutputStream(), up, client);
      } catch (IOException e) {
        // the listening socket closed (REFUSE / close) or the upstream refused: next
      }
    }
  }

  private static void pump(InputStream in, OutputStream out, Socket a, Socket b) {
    Thread t = new Thread(() -> {
      byte[] buf = new byte[16384];
      try {
        int n;
        while ((n = in.read(buf)) >= 0) {
          out.write(buf, 0, n);
          out.flush();
        }
      } catch (IOException ignored) {
        // either side closed
      } finally {
        quietly(a);
        quietly(b);
      }
    }, "fault-proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  private static void quietly(java.io.Closeable c) {
    if (c != null) {
      try {
        c.close();
      } catch (IOException ignored) {
        // already closed
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    quietly(server);
    open.forEach(FaultProxy::quietly);
  }
}
