package io.switchboard.redaction;

/** The kinds of personal data the redactor replaces, each with its typed placeholder. */
public enum PiiType {
  CARD("card"),
  CVV("cvv"),
  EXPIRY("expiry"),
  PHONE("phone"),
  EMAIL("email"),
  NATIONAL_ID("national_id"),
  ACCOUNT("account"),
  /** The time budget ran out: the whole text was replaced, nothing was checked (fail closed). */
  UNCHECKED("unchecked");

  private final String key;

  PiiType(String key) {
    this.key = key;
  }

  /** The name used in counts ({@code redactions: {card: 2}}) and in the placeholder. */
  public String key() {
    return key;
  }

  public String placeholder() {
    return "[" + key + "]";
  }
}
