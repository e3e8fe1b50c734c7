package io.switchboard.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.yaml.snakeyaml.Yaml;

/** docs/openapi.yaml and the gateway's real route table describe the same endpoints. */
@ExtendWith(VertxExtension.class)
class OpenApiRoutesTest {
  private static final Path SPEC = Path.of("../../docs/openapi.yaml").toAbsolutePath().normalize();

  static Map<String, Object> spec() throws Exception {
    return new Yaml().load(Files.readString(SPEC));
  }

  @Test
  void everyRouteIsDocumentedAndEveryDocumentedPathIsRouted(Vertx vertx) throws Exception {
    GatewayVerticle gateway = new GatewayVerticle();
    JsonObject config =
        new JsonObject()
            .put("http.port", 0)
            .put("http.host", "127.0.0.1")
            .put("health.expect", "gateway")
            .put("auth.jwt.secret", "openapi-test-secret-0123456789-0123456789");
    vertx.deployVerticle(gateway, new DeploymentOptions().setConfig(config)).await(10, TimeUnit.SECONDS);

    Set<String> routed = RouteTable.endpoints(gateway.router());
    Set<String> documented = RouteTable.documented(spec());
    assertTrue(routed.contains("POST /api/calls/{room}/{action}"), "path parameters are in OpenAPI form: " + routed);
    assertTrue(routed.size() >= 11, "the real route table was read: " + routed);
    assertEquals(List.of(), RouteTable.problems(routed, documented));
  }

  @Test
  void specIsOpenApi31WithErrorBodiesAndBothAuthSchemes() throws Exception {
    Map<String, Object> spec = spec();
    assertEquals("3.1.0", spec.get("openapi"));
    @SuppressWarnings("unchecked")
    Map<String, Object> components = (Map<String, Object>) spec.get("components");
    String text = Files.readString(SPEC);
    assertTrue(((Map<?, ?>) components.get("securitySchemes")).keySet().containsAll(Set.of("bearerJwt", "agentKey")));
    assertTrue(((Map<?, ?>) components.get("schemas")).containsKey("Error"));
    assertTrue(text.contains("required: [error, message]"));
    assertTrue(text.contains("/eventbus"), "the SockJS endpoint is described");
  }

  @Test
  void checkerReportsAnUndocumentedRouteAndAnUnroutedPath(Vertx vertx) throws Exception {
    Router router = Router.router(vertx);
    router.get("/health").handler(ctx -> ctx.end());
    router.get("/metrics").handler(ctx -> ctx.end());
    router.post("/call-event").handler(ctx -> ctx.end());
    router.get("/api/secret/:id").handler(ctx -> ctx.end());
    router.route("/call-event").handler(ctx -> ctx.end()); // method-less fallback: not an endpoint

    Set<String> documented = RouteTable.documented(spec());
    List<String> problems = RouteTable.problems(RouteTable.endpoints(router), documented);

    assertTrue(problems.contains("undocumented route: GET /api/secret/{id}"), problems.toString());
    assertTrue(problems.contains("documented but not routed: POST /auth/login"), problems.toString());
    assertTrue(problems.stream().noneMatch(p -> p.contains("/health") || p.contains("/metrics") || p.contains("POST /call-event")), problems.toString());
  }
}
