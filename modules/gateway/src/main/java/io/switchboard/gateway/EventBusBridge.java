package io.switchboard.gateway;

import io.switchboard.contract.BrowserAccess;
import io.vertx.core.Vertx;
import io.vertx.ext.bridge.PermittedOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.sockjs.SockJSBridgeOptions;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;

/**
 * The SockJS event-bus bridge at {@code /eventbus/*}. The permitted lists come only from {@link
 * BrowserAccess#RULES}: an address that is not in the contract's table is unreachable from a
 * browser.
 */
final class EventBusBridge {
  private final Vertx vertx;

  EventBusBridge(Vertx vertx) {
    this.vertx = vertx;
  }

  Router router() {
    SockJSBridgeOptions options = new SockJSBridgeOptions();
    for (BrowserAccess.Rule rule : BrowserAccess.RULES) {
      PermittedOptions permitted = new PermittedOptions().setAddressRegex(rule.addressRegex());
      if (rule.direction() == BrowserAccess.Direction.RECEIVE) {
        options.addOutboundPermitted(permitted);
      } else {
        options.addInboundPermitted(permitted);
      }
    }
    return SockJSHandler.create(vertx).bridge(options, event -> event.complete(true));
  }
}
