package io.switchboard.agent.provider;

/** A provider failed: names the provider so logs and debug events say which one. */
public final class ProviderException extends RuntimeException {
  private final String provider;

  public ProviderException(String provider, String message) {
    super(provider + ": " + message);
    this.provider = provider;
  }

  public ProviderException(String provider, String message, Throwable cause) {
    super(provider + ": " + message, cause);
    this.provider = provider;
  }

  public String provider() {
    return provider;
  }
}
