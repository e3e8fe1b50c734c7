package io.switchboard.gateway;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares a router's endpoints with an OpenAPI document. An endpoint is a route with a path and
 * at least one method ({@code GET /api/calls/{room}/history}); method-less routes (405 fallbacks,
 * the SockJS mount, the static webroot) are not endpoints.
 */
final class RouteTable {
  private static final Set<String> OPENAPI_METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  private RouteTable() {}

  /** "METHOD /path/{param}" for every endpoint of the router. */
  static Set<String> endpoints(Router router) {
    Set<String> out = new TreeSet<>();
    for (Route route : router.getRoutes()) {
      Set<HttpMethod> methods = route.methods();
      if (route.getPath() == null || methods == null || methods.isEmpty()) {
        continue;
      }
      String path = route.getPath().replaceAll(":([A-Za-z0-9_]+)", "{$1}");
      for (HttpMethod m : methods) {
        out.add(m.name() + " " + path);
      }
    }
    return out;
  }

  /** "METHOD /path" for every operation of an OpenAPI document parsed to maps. */
  @SuppressWarnings("unchecked")
  static Set<String> documented(Map<String, Object> openApi) {
    Set<String> out = new TreeSet<>();
    Map<String, Object> paths = (Map<String, Object>) openApi.get("paths");
    for (Map.Entry<String, Object> p : paths.entrySet()) {
      for (String key : ((Map<String, Object>) p.getValue()).keySet()) {
        if (OPENAPI_METHODS.contains(key)) {
          out.add(key.toUpperCase(Locale.ROOT) + " " + p.getKey());
        }
      }
    }
    return out;
  }

  /** What is routed but not documented, and documented but not routed; empty when they agree. */
  static List<String> problems(Set<String> routed, Set<String> documented) {
    List<String> out = new ArrayList<>();
    routed.stream().filter(r -> !documented.contains(r)).forEach(r -> out.add("undocumented route: " + r));
    documented.stream().filter(d -> !routed.contains(d)).forEach(d -> out.add("documented but not routed: " + d));
    return out;
  }
}
