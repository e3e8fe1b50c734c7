package io.switchboard.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.contract.Addresses;
import io.switchboard.testkit.FreePort;
import io.vertx.core.json.JsonObject;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The agent TCP bridge answers a frame it cannot handle with an err frame and keeps the connection
 * (vertx-tcp-eventbus-bridge alone stops reading a connection after an unknown frame type), and
 * closes cleanly on framing it cannot recover from.
 */
class TcpBridgeFrameGuardTest {
  private static TestNode node;
  private static int tcpPort;

  @BeforeAll
  static void start() {
    tcpPort = FreePort.get();
    node = TestNode.start(null, "gateway,ingest", new JsonObject().put("tcp.bridge.port", tcpPort).put("mongo.embedded", "memory")
        .put("data.dir", "target/tcp-guard-" + System.nanoTime()));
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void anUnknownFrameTypeGetsAnErrorAndTheConnectionKeepsWorking() throws Exception {
    try (Socket s = new Socket("127.0.0.1", tcpPort)) {
      s.setSoTimeout(10_000);
      DataOutputStream out = new DataOutputStream(s.getOutputStream());
      DataInputStream in = new DataInputStream(s.getInputStream());
      for (String bad : new String[] {"{\"type\":\"bogus\",\"address\":\"x\"}", "{\"type\":42}", "{\"address\":\"x\"}", "not json", "[1,2]"}) {
        write(out, bad);
        JsonObject err = read(in);
        assertEquals("err", err.getString("type"), bad + " → " + err);
      }
      write(out, "{\"type\":\"ping\"}");
      assertEquals("pong", read(in).getString("type"), "the same connection still answers");
      JsonObject event = new JsonObject().put("room_name", "tcp-guard").put("session_id", "s-1").put("event_type", "call_started").put("data", new JsonObject());
      write(out, new JsonObject().put("type", "send").put("address", Addresses.INGEST_CALL_EVENT).put("replyAddress", "r-1")
          .put("headers", new JsonObject().put("token", TestNode.AGENT_KEY)).put("body", event).encode());
      JsonObject reply = read(in);
      assertEquals("r-1", reply.getString("address"), String.valueOf(reply));
      assertTrue(reply.getJsonObject("body").getBoolean("accepted"), String.valueOf(reply));
    }
  }

  @Test
  void anImpossibleFrameLengthGetsAnErrorAndACleanClose() throws Exception {
    try (Socket s = new Socket("127.0.0.1", tcpPort)) {
      s.setSoTimeout(10_000);
      DataOutputStream out = new DataOutputStream(s.getOutputStream());
      DataInputStream in = new DataInputStream(s.getInputStream());
      out.writeInt(Integer.MAX_VALUE);
      out.write("{".getBytes(StandardCharsets.UTF_8));
      out.flush();
      assertEquals("err", read(in).getString("type"));
      try {
        in.readInt();
        throw new AssertionError("the connection stayed open");
      } catch (EOFException | java.net.SocketException closed) {
        // closed cleanly
      }
    }
  }

  private static void write(DataOutputStream out, String json) throws Exception {
    byte[] b = json.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
    out.flush();
  }

  private static JsonObject read(DataInputStream in) throws Exception {
    int n = in.readInt();
    byte[] b = new byte[n];
    in.readFully(b);
    return new JsonObject(new String(b, StandardCharsets.UTF_8));
  }
}
