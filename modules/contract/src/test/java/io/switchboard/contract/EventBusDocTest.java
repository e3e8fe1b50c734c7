package io.switchboard.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/event-bus.md names every address of {@link Addresses} and every {@link BrowserAccess} rule. */
class EventBusDocTest {
  private static final Path DOC = Path.of("../../docs/event-bus.md").toAbsolutePath().normalize();

  /**
   * How each address must appear in the doc, in backticks: constants as they are, prefixes as
   * {@code prefix<name>}, parameterised addresses with {@code <room>} / {@code <verticle>}.
   * Regex constants are covered by the browser rules.
   */
  static List<String> expectedAddresses() throws Exception {
    List<String> out = new ArrayList<>();
    for (Field f : Addresses.class.getFields()) {
      if (!Modifier.isStatic(f.getModifiers()) || f.getType() != String.class || f.getName().endsWith("_REGEX")) {
        continue;
      }
      String value = (String) f.get(null);
      out.add(f.getName().endsWith("_PREFIX") ? value + "<" : value + "`");
    }
    for (Method m : Addresses.class.getMethods()) {
      if (!Modifier.isStatic(m.getModifiers()) || m.getReturnType() != String.class || m.getParameterCount() != 1 || m.getName().equals("roomOf")) {
        continue;
      }
      if (m.getParameterTypes()[0] == String.class) {
        out.add(((String) m.invoke(null, "ROOMX")).replace("ROOMX", "<room>") + "`");
      } else if (m.getParameterTypes()[0] == VerticleName.class) {
        out.add(((String) m.invoke(null, VerticleName.GATEWAY)).replace(VerticleName.GATEWAY.id(), "<verticle>") + "`");
      } else {
        out.add("unhandled parameterised address " + m.getName());
      }
    }
    return out;
  }

  /** What the doc lacks: addresses, and rules (regex, direction and role on one table row). */
  static List<String> missing(String doc, List<String> addresses, List<BrowserAccess.Rule> rules) {
    String text = doc.replace("\\|", "|");
    List<String> out = new ArrayList<>();
    for (String a : addresses) {
      if (!text.contains("`" + a)) {
        out.add("address " + a.replace("`", ""));
      }
    }
    for (BrowserAccess.Rule r : rules) {
      String direction = r.direction().name().toLowerCase(java.util.Locale.ROOT);
      boolean row = text.lines().anyMatch(l -> l.startsWith("| `" + r.addressRegex() + "` |") && l.contains("| " + direction + " |") && l.contains("| " + r.minimumRole().id() + " |"));
      if (!row) {
        out.add("browser rule " + r.addressRegex() + " " + direction + " " + r.minimumRole().id());
      }
    }
    return out;
  }

  @Test
  void docCoversEveryAddressAndEveryBrowserRule() throws Exception {
    List<String> addresses = expectedAddresses();
    assertTrue(addresses.contains("call.<room>`") && addresses.contains("health.<verticle>`") && addresses.contains("control.<"), addresses.toString());
    assertTrue(addresses.stream().noneMatch(a -> a.startsWith("unhandled")), addresses.toString());
    assertEquals(List.of(), missing(Files.readString(DOC), addresses, BrowserAccess.RULES));
  }

  @Test
  void checkerReportsAMissingAddressAndAMissingRule() throws Exception {
    String doc = Files.readString(DOC);
    List<String> addresses = new ArrayList<>(expectedAddresses());
    addresses.add("calls.archived`");
    List<BrowserAccess.Rule> rules = new ArrayList<>(BrowserAccess.RULES);
    rules.add(new BrowserAccess.Rule("audit\\.query", BrowserAccess.Direction.SEND, BrowserAccess.Role.ADMIN, "audit"));
    // a role changed in the contract but not in the doc is reported too
    rules.add(new BrowserAccess.Rule("alerts", BrowserAccess.Direction.RECEIVE, BrowserAccess.Role.ADMIN, "alerts"));
    assertEquals(
        List.of("address calls.archived", "browser rule audit\\.query send admin", "browser rule alerts receive admin"),
        missing(doc, addresses, rules));
    assertEquals(List.of("address call.<room>.debug"), missing(doc.replace("`call.<room>.debug`", "call debug"), expectedAddresses(), List.of()));
  }
}
